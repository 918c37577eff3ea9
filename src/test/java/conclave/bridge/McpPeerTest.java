package conclave.bridge;

import static conclave.bridge.DispatcherRig.S1;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.config.PermissionLevel;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON-RPC side (reference/bridge.md §9, scenarios 1–6 and 45; SPEC §6.15–§6.17). */
class McpPeerTest {
    private DispatcherRig rig = DispatcherRig.started(PermissionLevel.NOTIFY);

    @AfterEach
    void nothingLeft() {
        rig.assertExhausted();
    }

    @Test
    void toolsCall_withoutStringName_answersMethodNotFoundWithSameId() {
        rig.mcp("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"tools/call\",\"params\":{\"name\":7}}");

        ObjectNode reply = rig.nextMcp();
        assertThat(reply.path("id").asString()).isEqualTo("abc");
        assertThat(reply.path("error").path("code").asInt()).isEqualTo(-32601);
    }

    @Test
    void initialize_declaresChannelCapabilitiesListChangedAndEchoesVersion() {
        DispatcherRig fresh = DispatcherRig.started(PermissionLevel.NOTIFY);
        fresh.mcp("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2099-01-01\"}}");

        JsonNode result = fresh.nextResult(1);
        assertThat(result.path("protocolVersion").asString()).isEqualTo("2099-01-01");
        assertThat(result.path("capabilities").path("experimental").has("claude/channel")).isTrue();
        assertThat(result.path("capabilities").path("experimental").has("claude/channel/permission")).isTrue();
        assertThat(result.path("capabilities").path("tools").path("listChanged").asBoolean()).isTrue();
        assertThat(result.path("serverInfo").path("name").asString()).isEqualTo("conclave");
        assertThat(result.path("serverInfo").path("version").asString()).isEqualTo("0.1.0-test");
        assertThat(result.path("instructions").asString()).contains("send_channel").contains("join_channel");
    }

    @Test
    void initialize_withoutPermissionRelay_declaresOnlyTheChannel() {
        DispatcherRig noRelay = DispatcherRig.started(DispatcherRig.config(PermissionLevel.NOTIFY, S1),
                Optional.empty(), false);
        noRelay.mcp("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}");

        JsonNode result = noRelay.nextResult(1);
        assertThat(result.path("capabilities").path("experimental").has("claude/channel")).isTrue();
        assertThat(result.path("capabilities").path("experimental").has("claude/channel/permission")).isFalse();
        assertThat(result.path("protocolVersion").asString()).isEqualTo("2025-06-18");
    }

    @Test
    void channelNotification_hasMethodContentAndMetaServer() {
        rig.push(S1, new Frame.ChannelMsg("ops", new SessionPath("d", "m", "s"), new Payload.Plain("hi")));

        JsonNode params = rig.nextNotification("notifications/claude/channel");
        assertThat(params.path("content").asString()).contains("hi");
        assertThat(params.path("meta").path("server").asString()).isEqualTo(S1);
    }

    @Test
    void toolsCallLine_parsesIdNameAndArguments() {
        byte[] line = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"send_channel\",\"arguments\":{\"channel\":\"ops\",\"text\":\"x\"}}}"
                .getBytes(StandardCharsets.UTF_8);

        JsonNode message = McpLineReader.parse(line, 1).orElseThrow();
        assertThat(message.path("id").asInt()).isEqualTo(7);
        assertThat(message.path("params").path("name").asString()).isEqualTo("send_channel");
        assertThat(message.path("params").path("arguments").path("channel").asString()).isEqualTo("ops");
    }

    @Test
    void permissionRequest_relayedWithToolDescriptionAndInputPreview() {
        rig.mcp("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/claude/channel/permission_request\",\"params\":"
                + "{\"request_id\":\"abcde\",\"tool_name\":\"Bash\",\"description\":\"Run <cmd>\",\"input_preview\":\"{\\\"command\\\":\\\"ls\\\"}\"}}");

        JsonNode params = rig.nextNotification("notifications/claude/channel");
        assertThat(params.path("meta").path("kind").asString()).isEqualTo("permission_request");
        assertThat(params.path("meta").path("request_id").asString()).isEqualTo("abcde");
        assertThat(params.path("meta").has("server")).isFalse();
        assertThat(params.path("content").asString())
                .contains("`Bash`").contains("Run &lt;cmd&gt;").contains("&quot;command&quot;").contains("submit_permission");
    }

    @Test
    void permissionRequest_withInvalidId_isNotRelayed() {
        rig.mcp("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/claude/channel/permission_request\",\"params\":"
                + "{\"request_id\":\"hello\",\"tool_name\":\"Bash\"}}");

        assertThat(rig.mcp).isEmpty();
    }

    @Test
    void submitPermission_forRelayedId_sendsVerdictThenAnswers() {
        rig.mcp("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/claude/channel/permission_request\",\"params\":"
                + "{\"request_id\":\"abcde\",\"tool_name\":\"Bash\",\"description\":\"d\",\"input_preview\":\"p\"}}");
        rig.nextMcp();

        rig.call(3, "submit_permission", "{\"request_id\":\"abcde\",\"decision\":\"allow\"}");

        JsonNode verdict = rig.nextNotification("notifications/claude/channel/permission");
        assertThat(verdict.path("request_id").asString()).isEqualTo("abcde");
        assertThat(verdict.path("behavior").asString()).isEqualTo("allow");
        assertThat(rig.nextOk(3)).isEqualTo("permission verdict `allow` sent");
    }

    @Test
    void submitPermission_unknownId_isErrorAndSendsNoVerdict() {
        rig.call(3, "submit_permission", "{\"request_id\":\"qqqqq\",\"decision\":\"deny\"}");

        assertThat(rig.nextError(3)).isEqualTo("unknown permission request `qqqqq` (no open request has that id)");
    }

    @Test
    void submitPermission_answeredTwice_secondIsUnknown() {
        rig.mcp("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/claude/channel/permission_request\",\"params\":{\"request_id\":\"abcde\"}}");
        rig.nextMcp();
        rig.call(3, "submit_permission", "{\"request_id\":\"abcde\",\"decision\":\"deny\"}");
        rig.nextMcp();
        rig.nextOk(3);

        rig.call(4, "submit_permission", "{\"request_id\":\"abcde\",\"decision\":\"deny\"}");

        assertThat(rig.nextError(4)).startsWith("unknown permission request");
    }

    @Test
    void submitPermission_invalidDecision_namesTheArgument() {
        rig.call(3, "submit_permission", "{\"request_id\":\"abcde\",\"decision\":\"yes\"}");

        assertThat(rig.nextError(3)).isEqualTo("`decision` must be allow or deny");
    }

    @Test
    void submitPermission_missingId_isRequired() {
        rig.call(3, "submit_permission", "{\"decision\":\"allow\"}");

        assertThat(rig.nextError(3)).isEqualTo("`request_id` is required");
    }

    @Test
    void unknownMethodWithId_answersMethodNotFound() {
        rig.mcp("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"server/discover\"}");

        ObjectNode reply = rig.nextMcp();
        assertThat(reply.path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(reply.path("error").path("message").asString()).isEqualTo("method not found");
    }

    @Test
    void notificationsAndResponses_areIgnored() {
        rig.mcp("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        rig.mcp("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\"}");
        rig.mcp("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}");

        assertThat(rig.mcp).isEmpty();
    }

    @Test
    void ping_answersEmptyResult() {
        rig.mcp("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}");

        assertThat(rig.nextResult(5).isEmpty()).isTrue();
    }

    @Test
    void unknownTool_isError() {
        rig.call(5, "format_disk", "{}");

        assertThat(rig.nextError(5)).isEqualTo("unknown tool `format_disk`");
    }

    @Test
    void outputBeforeInitialize_isHeldBackAndFlushedRightAfterTheReply() {
        java.util.List<ObjectNode> out = new java.util.ArrayList<>();
        BridgeDispatcher fresh = new BridgeDispatcher(new BridgeSettings(DispatcherRig.config(PermissionLevel.NOTIFY, S1),
                DispatcherRig.config(PermissionLevel.NOTIFY, S1).servers(), Optional.empty(), "razel", true, "v"),
                new DispatcherRig.Clock(), new RecordingLinks(), out::add);
        fresh.on(new BridgeEvent.LinkReported(S1, new conclave.client.LinkEvent.Up(
                new SessionPath("aaron", "workstation", "razel"), true, Optional.empty())));
        fresh.on(new BridgeEvent.McpReceived(DispatcherRig.JSON.readTree("{\"id\":1,\"method\":\"ping\"}")));

        assertThat(out).isEmpty();

        fresh.on(new BridgeEvent.McpReceived(DispatcherRig.JSON.readTree("{\"id\":2,\"method\":\"initialize\"}")));

        assertThat(out).extracting(message -> message.path("id").asInt(-1) + ":" + message.path("method").asString(""))
                .containsExactly("2:", "-1:notifications/tools/list_changed", "1:");
    }

    /** Links that accept everything and answer nothing. */
    private static final class RecordingLinks implements LinkPort {
        @Override
        public void request(String server, long callId, Frame request) {}

        @Override
        public void handleChanged(String handle) {}
    }
}
