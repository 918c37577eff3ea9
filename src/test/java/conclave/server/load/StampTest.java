package conclave.server.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import conclave.protocol.BincodeCodec;
import conclave.protocol.Frame;
import conclave.protocol.FrameKind;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StampTest {

    @Test
    void body_isPrintableAsciiOfTheFixedSize() {
        byte[] body = Stamp.body(7, 123_456_789);

        assertThat(body).hasSize(Stamp.BODY_BYTES);
        assertThat(new String(body, StandardCharsets.US_ASCII)).matches("[ -~]+").endsWith("0000000000000007" + "00000000075bcd15");
    }

    @Test
    void stamp_readFromTheBareBody_roundTrips_evenForANegativeNanoTime() {
        ByteBuf body = Unpooled.wrappedBuffer(Stamp.body(Long.MAX_VALUE, -42));

        assertThat(Stamp.sequence(body)).isEqualTo(Long.MAX_VALUE);
        assertThat(Stamp.sentNanos(body)).isEqualTo(-42);
    }

    @Test
    void stamp_readFromTheTailOfAnEncodedChannelMsg_roundTrips() throws Exception {
        SessionPath from = new SessionPath("bench", "box", "publisher");
        Payload plain = new Payload.Plain(new String(Stamp.body(1_000_001, 987_654_321_000L), StandardCharsets.US_ASCII));
        byte[] encoded = new BincodeCodec().encode(new Frame.ChannelMsg("bench", from, plain));

        ByteBuf frame = Unpooled.wrappedBuffer(encoded);

        assertThat(frame.getByte(0)).as("the fast path's kind byte").isEqualTo((byte) FrameKind.CHANNEL_MSG.index());
        assertThat(Stamp.sequence(frame)).isEqualTo(1_000_001);
        assertThat(Stamp.sentNanos(frame)).isEqualTo(987_654_321_000L);
    }

    @Test
    void stamp_inATooShortMessage_isAnError() {
        ByteBuf shortMessage = Unpooled.wrappedBuffer(new byte[Stamp.STAMP_BYTES - 1]);

        assertThatThrownBy(() -> Stamp.sequence(shortMessage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message of 31 bytes is too short to carry a 32-byte stamp");
    }
}
