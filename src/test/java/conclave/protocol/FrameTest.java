package conclave.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Frame records check structure only and keep secrets out of their text form. */
class FrameTest {
    private static final SessionPath AWR = new SessionPath("a", "w", "r");

    @Test
    void hello_protocolVersionU32Extremes_areAccepted() {
        assertThat(new Frame.Hello(0, "s").protocolVersion()).isZero();
        assertThat(new Frame.Hello(4294967295L, "s").protocolVersion()).isEqualTo(4294967295L);
    }

    @Test
    void hello_protocolVersionOutsideU32_isRejected() {
        assertThatThrownBy(() -> new Frame.Hello(-1, "s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("protocolVersion must be a u32 (0..4294967295), was -1");
        assertThatThrownBy(() -> new Frame.Hello(4294967296L, "s"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inviteCreate_usesOutsideU32_isRejected() {
        assertThatThrownBy(
                        () -> new AdminOp.InviteCreate("ops", Optional.of(-1L), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uses must be a u32 (0..4294967295), was -1");
    }

    @Test
    void inviteCreate_toString_showsExpiryAsUnsigned() {
        var op = new AdminOp.InviteCreate("ops", Optional.empty(), Optional.of(-1L));

        assertThat(op).hasToString(
                "InviteCreate[channel=ops, uses=unlimited, expiresInSecs=18446744073709551615]");
    }

    @Test
    void list_callerChangesItsListAfterwards_frameKeepsTheOriginal() {
        List<String> users = new ArrayList<>(List.of("a"));
        var frame = new Frame.UserList(users);

        users.add("b");

        assertThat(frame.users()).containsExactly("a");
        assertThatThrownBy(() -> frame.users().add("c"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void constructor_nullField_isRejectedNamingIt() {
        assertThatThrownBy(() -> new Frame.Join(null, Optional.empty()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("channel");
    }

    @Test
    void unitFrames_anyTwoInstances_areEqual() {
        assertThat(new Frame.Ping()).isEqualTo(new Frame.Ping()).isNotEqualTo(new Frame.Pong());
    }

    @Test
    void kind_eachRecord_reportsItsOwnKind() {
        assertThat(new Frame.ChannelMsg("c", AWR, new Payload.Plain("x")).kind())
                .isEqualTo(FrameKind.CHANNEL_MSG);
        assertThat(new Frame.Admin(new AdminOp.InviteList("c")).op().kind())
                .isEqualTo(AdminOpKind.INVITE_LIST);
        assertThat(new Frame.InviteList(List.of()).kind()).isEqualTo(FrameKind.INVITE_LIST);
    }

    @Test
    void toString_framesCarryingSecrets_neverShowThem() {
        List<Object> values = List.of(
                new Frame.ChannelMsg("lobby", AWR, new Payload.Plain("the secret body")),
                new Frame.Whisper(AWR, AWR, new Payload.Encrypted(
                        Bytes.of("secret".getBytes(StandardCharsets.UTF_8)),
                        Optional.of("secret-key-id"))),
                new Frame.Join("lobby", Optional.of("secret-token")),
                new Frame.InviteToken("secret-token"),
                new Frame.InviteList(List.of(
                        new InviteInfo("secret-token", Optional.of(1L), Optional.empty()))),
                new Frame.Admin(new AdminOp.InviteRevoke("secret-token")),
                new Frame.MachineList(List.of(new MachineInfo("w", "secret-pubkey", "T"))),
                new Frame.History("lobby", List.of(
                        new HistoryMessage(AWR, 1, new Payload.Plain("secret body")))));

        for (Object value : values) {
            assertThat(value.toString())
                    .as(value.getClass().getSimpleName())
                    .doesNotContain("secret");
        }
    }

    @Test
    void toString_plainPayload_showsTheLengthOnly() {
        assertThat(new Payload.Plain("hello")).hasToString("Plain[5 chars]");
        assertThat(new Payload.Encrypted(Bytes.of(new byte[12]), Optional.empty()))
                .hasToString("Encrypted[12 bytes]");
    }

    @Test
    void toString_join_redactsTheTokenButShowsTheChannel() {
        assertThat(new Frame.Join("lobby", Optional.of("t0k")))
                .hasToString("Join[channel=lobby, token=<redacted>]");
        assertThat(new Frame.Join("lobby", Optional.empty()))
                .hasToString("Join[channel=lobby, token=none]");
    }
}
