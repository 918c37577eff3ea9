package conclave.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtocolErrorTest {
    @Test
    void display_eachKind_isTheClientsExactLine() {
        assertThat(new ProtocolError.VersionMismatch(1, 2).display())
                .isEqualTo("incompatible protocol version: ours=1, theirs=2");
        assertThat(new ProtocolError.MalformedFrame("expected Hello").display())
                .isEqualTo("malformed frame: expected Hello");
        assertThat(new ProtocolError.Unauthorized("handshake timed out").display())
                .isEqualTo("unauthorized: handshake timed out");
        assertThat(new ProtocolError.NotFound("channel `x` not found").display())
                .isEqualTo("not found: channel `x` not found");
        assertThat(new ProtocolError.Internal("failed to insert into `channel`").display())
                .isEqualTo("internal error: failed to insert into `channel`");
    }

    @Test
    void versionMismatch_u32Extremes_areAccepted() {
        assertThat(new ProtocolError.VersionMismatch(0, 4294967295L).display())
                .isEqualTo("incompatible protocol version: ours=0, theirs=4294967295");
    }

    @Test
    void versionMismatch_beyondU32_isRejected() {
        assertThatThrownBy(() -> new ProtocolError.VersionMismatch(1, 4294967296L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("theirs must be a u32 (0..4294967295), was 4294967296");
    }
}
