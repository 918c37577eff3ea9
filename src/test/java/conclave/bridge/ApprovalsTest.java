package conclave.bridge;

import static conclave.bridge.DispatcherRig.S1;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.config.ConclaveConfig;
import conclave.config.PermissionLevel;
import conclave.config.ServerRegistration;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.ProtocolError;
import conclave.protocol.SessionPath;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The requesting side of the human approver in the dispatcher: prompts go out as whispers, verdicts come back. */
class ApprovalsTest {
    private static final SessionPath APPROVER = new SessionPath("alice", "laptop", "approver");
    private static final SessionPath FORGER = new SessionPath("mallory", "box", "agent");
    private static final SessionPath US = new SessionPath("aaron", "workstation", "razel");
    private static final ConclaveConfig CONFIG = new ConclaveConfig(PermissionLevel.NOTIFY,
            List.of(new ServerRegistration(S1, "aaron", "workstation", Optional.of(APPROVER.text()))), List.of());

    private DispatcherRig rig = DispatcherRig.started(CONFIG, Optional.empty(), true);

    @AfterEach
    void nothingLeft() {
        rig.assertExhausted();
    }

    private void request(String id) {
        rig.mcp("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/claude/channel/permission_request\",\"params\":"
                + "{\"request_id\":\"" + id + "\",\"tool_name\":\"Bash\",\"description\":\"run the <tests>\","
                + "\"input_preview\":\"{\\\"command\\\":\\\"mvn test\\\"}\"}}");
    }

    /** Sends request {@code id} to the approver and acks the whisper; returns the whisper. */
    private Frame.Whisper requestSent(String id) {
        request(id);
        DispatcherRig.Sent sent = rig.nextSent();
        rig.answer(sent, new Frame.Ack(Optional.empty()));
        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("content").asString())
                .contains("went to the approver `alice/laptop/approver`");
        return (Frame.Whisper) sent.frame();
    }

    private void whisper(SessionPath from, String text) {
        rig.push(S1, new Frame.Whisper(from, US, new Payload.Plain(text)));
    }

    /** The confirmation whispered back to the approver (acked), as text. */
    private String confirmation() {
        DispatcherRig.Sent sent = rig.nextSent();
        Frame.Whisper whisper = (Frame.Whisper) sent.frame();
        assertThat(whisper.target()).isEqualTo(APPROVER);
        rig.answer(sent, new Frame.Ack(Optional.empty()));
        return ((Payload.Plain) whisper.payload()).body();
    }

    @Test
    void aPrompt_goesToTheApproverAsAWhisper_notIntoTheSession() {
        Frame.Whisper whisper = requestSent("abcde");

        assertThat(whisper.target()).isEqualTo(APPROVER);
        String text = ((Payload.Plain) whisper.payload()).body();
        assertThat(ApprovalText.parseRequest(text)).contains(
                new ApprovalText.Request("abcde", "Bash", "run the <tests>", "{\"command\":\"mvn test\"}"));
        assertThat(text).contains("conclave approve abcde --to aaron/workstation/razel");
    }

    @Test
    void anUnreachableApprover_isReportedToTheSession() {
        request("abcde");
        rig.answer(rig.nextSent(), new Frame.Error(new ProtocolError.NotFound("session `alice/laptop/approver` is not online")));

        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("content").asString())
                .contains("Could not send permission request `abcde`").contains("is not online")
                .contains("answered in the terminal");
    }

    @Test
    void submitPermission_isRefused_whileAnApproverIsSet() {
        requestSent("abcde");

        rig.call(1, "submit_permission", "{\"request_id\":\"abcde\",\"decision\":\"allow\"}");

        assertThat(rig.nextError(1)).contains("approver (alice/laptop/approver)");
    }

    @Test
    void theApproversVerdict_reachesClaudeCodeOnce_andIsConfirmed() {
        requestSent("abcde");

        whisper(APPROVER, "conclave-verdict abcde deny");

        JsonNode verdict = rig.nextNotification(McpMessages.PERMISSION_VERDICT);
        assertThat(verdict.path("request_id").asString()).isEqualTo("abcde");
        assertThat(verdict.path("behavior").asString()).isEqualTo("deny");
        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("content").asString())
                .contains("denied `Bash` (request `abcde`)");
        assertThat(confirmation()).isEqualTo("conclave-verdict-applied abcde deny");

        whisper(APPROVER, "conclave-verdict abcde allow");
        assertThat(confirmation()).isEqualTo("conclave-verdict-rejected abcde: request `abcde` was answered already");
    }

    @Test
    void aForgedVerdict_fromAnyoneElse_isIgnoredWithoutAWord() {
        requestSent("abcde");

        whisper(FORGER, "conclave-verdict abcde allow");
        whisper(new SessionPath("alice", "laptop", "cli-99"), "conclave-verdict abcde allow");

        assertThat(rig.mcp).isEmpty();
        assertThat(rig.sent).isEmpty();
        whisper(APPROVER, "conclave-verdict abcde allow"); // still open for the real approver
        assertThat(rig.nextNotification(McpMessages.PERMISSION_VERDICT).path("behavior").asString()).isEqualTo("allow");
        rig.nextNotification(McpMessages.CHANNEL);
        confirmation();
    }

    @Test
    void unknownMalformedAndStaleIds_areRejectedWithAReason() {
        whisper(APPROVER, "conclave-verdict zzzzz allow");
        assertThat(confirmation()).isEqualTo("conclave-verdict-rejected zzzzz: no open permission request `zzzzz`");

        whisper(APPROVER, "conclave-verdict ab1 allow");
        assertThat(confirmation()).contains("`ab1` is not a request id");

        requestSent("qwert");
        whisper(APPROVER, "conclave-verdict qwert maybe");
        assertThat(confirmation()).endsWith("the decision must be allow or deny");

        rig.clock.advance(Approvals.STALE_AFTER.plus(Duration.ofSeconds(1)));
        whisper(APPROVER, "conclave-verdict qwert allow");
        assertThat(confirmation()).endsWith("request `qwert` expired: it is older than 10 minutes");
        assertThat(rig.mcp).isEmpty();
    }

    @Test
    void withoutAnApprover_aVerdictShapedWhisperIsNeitherAppliedNorInjected() {
        rig = DispatcherRig.started(PermissionLevel.NOTIFY);
        rig.mcp("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/claude/channel/permission_request\",\"params\":"
                + "{\"request_id\":\"abcde\",\"tool_name\":\"Bash\",\"description\":\"d\",\"input_preview\":\"i\"}}");
        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("meta").path("kind").asString())
                .isEqualTo("permission_request");

        whisper(APPROVER, "conclave-verdict abcde allow");

        assertThat(rig.mcp).isEmpty();
        assertThat(rig.sent).isEmpty();
    }
}
