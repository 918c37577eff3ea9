package conclave.ui;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.Bytes;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.ProtocolError;
import conclave.protocol.SessionPath;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the page receives: the human/agent split by handle, bodies as plain strings, refusals as errors. */
class UiJsonTest {
    @Test
    void cliAndUiHandles_areHumans_everyOtherHandleIsAnAgent() {
        assertThat(UiJson.isHuman(new SessionPath("aaron", "laptop", "cli-4242"))).isTrue();
        assertThat(UiJson.isHuman(new SessionPath("aaron", "laptop", "ui"))).isTrue();
        assertThat(UiJson.isHuman(new SessionPath("aaron", "laptop", "reviewer"))).isFalse();
        assertThat(UiJson.isHuman(new SessionPath("aaron", "laptop", "uix"))).isFalse();
        assertThat(UiJson.isHuman(new SessionPath("aaron", "laptop", "client-1"))).isFalse();
    }

    @Test
    void message_keepsTheBodyAsAPlainString() {
        String hostile = "<script>alert(1)</script>";

        var node = UiJson.message("lobby", new SessionPath("d", "m", "bot"), 1234, new Payload.Plain(hostile));

        assertThat(node.get("body").stringValue()).isEqualTo(hostile);
        assertThat(node.get("human").booleanValue()).isFalse();
        assertThat(node.get("tsMs").longValue()).isEqualTo(1234);
    }

    @Test
    void message_encryptedPayload_hasNoBody() {
        var node = UiJson.message("lobby", new SessionPath("d", "m", "bot"), 1,
                new Payload.Encrypted(Bytes.of((byte) 1, (byte) 2), Optional.empty()));

        assertThat(node.has("body")).isFalse();
        assertThat(node.get("encrypted").booleanValue()).isTrue();
    }

    @Test
    void reply_errorFrame_isNotOk_withTheServersWords() {
        var node = UiJson.reply(new Frame.Error(new ProtocolError.Unauthorized("admin role required")));

        assertThat(node.get("ok").booleanValue()).isFalse();
        assertThat(node.get("error").stringValue()).isEqualTo("unauthorized: admin role required");
    }
}
