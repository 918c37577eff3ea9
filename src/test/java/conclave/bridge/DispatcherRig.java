package conclave.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.client.LinkEvent;
import conclave.config.ConclaveConfig;
import conclave.config.PermissionLevel;
import conclave.config.ServerRegistration;
import conclave.protocol.Frame;
import conclave.protocol.SessionPath;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link BridgeDispatcher} with recorders on both sides and a clock the test moves: MCP lines in
 * and out, requests to links and their answers, link events. Every {@code next…} fails when
 * nothing is there; {@link #assertExhausted()} checks nothing was left unread.
 */
final class DispatcherRig {
    static final String S1 = "wss://s1";
    static final String S2 = "wss://s2";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A request the dispatcher sent to a link. */
    record Sent(String server, long callId, Frame frame) {}

    /** A clock the test moves by hand. */
    static final class Clock implements InstantSource {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    final Clock clock = new Clock();
    final Deque<ObjectNode> mcp = new ArrayDeque<>();
    final Deque<Sent> sent = new ArrayDeque<>();
    final List<String> renames = new ArrayList<>();
    final BridgeDispatcher dispatcher;

    private DispatcherRig(BridgeSettings settings) {
        LinkPort links = new LinkPort() {
            @Override
            public void request(String server, long callId, Frame request) {
                sent.add(new Sent(server, callId, request));
            }

            @Override
            public void handleChanged(String handle) {
                renames.add(handle);
            }
        };
        dispatcher = new BridgeDispatcher(settings, clock, links, mcp::add);
    }

    /** One server S1 (aaron/workstation), handle defaulted to {@code razel}, everything at {@code level}. */
    static DispatcherRig started(PermissionLevel level) {
        return started(config(level, S1), Optional.empty(), true);
    }

    /** Initialized and with every link up (non-admin); nothing recorded yet. */
    static DispatcherRig started(ConclaveConfig config, Optional<String> explicitHandle, boolean relay) {
        DispatcherRig rig = new DispatcherRig(new BridgeSettings(config, config.servers(), explicitHandle, "razel",
                relay, "0.1.0-test"));
        rig.mcp("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}}");
        rig.nextMcp();
        for (ServerRegistration server : config.servers()) {
            rig.link(server.url(), new LinkEvent.Up(new SessionPath("aaron", "workstation", "razel"), false,
                    Optional.empty()));
        }
        return rig;
    }

    /** A config with {@code servers} registered as aaron/workstation and {@code level} as the default. */
    static ConclaveConfig config(PermissionLevel level, String... servers) {
        return new ConclaveConfig(level, Arrays.stream(servers)
                .map(url -> new ServerRegistration(url, "aaron", "workstation")).toList(), List.of());
    }

    void mcp(String line) {
        dispatcher.on(new BridgeEvent.McpReceived(JSON.readTree(line)));
    }

    /** Sends {@code tools/call} for {@code tool} with the JSON object {@code arguments}. */
    void call(int id, String tool, String arguments) {
        mcp("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}");
    }

    void link(String server, LinkEvent event) {
        dispatcher.on(new BridgeEvent.LinkReported(server, event));
    }

    void up(String server, boolean admin) {
        link(server, new LinkEvent.Up(new SessionPath("aaron", "workstation", "razel"), admin, Optional.empty()));
    }

    void down(String server, Duration uptime) {
        link(server, new LinkEvent.Down("the server closed the connection", uptime));
    }

    void push(String server, Frame frame) {
        link(server, new LinkEvent.Pushed(frame));
    }

    void answer(Sent request, Frame reply) {
        dispatcher.on(new BridgeEvent.CallAnswered(request.callId(), reply));
    }

    ObjectNode nextMcp() {
        assertThat(mcp).as("MCP output").isNotEmpty();
        return mcp.poll();
    }

    /** The next MCP message, which must be the tool result for {@code id}; returns its {@code result}. */
    JsonNode nextResult(int id) {
        ObjectNode message = nextMcp();
        assertThat(message.path("id").asInt()).as("result id in %s", message).isEqualTo(id);
        assertThat(message.has("result")).as("has result: %s", message).isTrue();
        return message.get("result");
    }

    /** The text of the next tool result for {@code id}, which must succeed. */
    String nextOk(int id) {
        JsonNode result = nextResult(id);
        assertThat(result.path("isError").asBoolean(false)).as("isError in %s", result).isFalse();
        return result.path("content").get(0).path("text").asString();
    }

    /** The text of the next tool result for {@code id}, which must be an error. */
    String nextError(int id) {
        JsonNode result = nextResult(id);
        assertThat(result.path("isError").asBoolean(false)).as("isError in %s", result).isTrue();
        return result.path("content").get(0).path("text").asString();
    }

    /** The params of the next MCP notification, which must have {@code method}. */
    JsonNode nextNotification(String method) {
        ObjectNode message = nextMcp();
        assertThat(message.path("method").asString()).as("method of %s", message).isEqualTo(method);
        return message.path("params");
    }

    Sent nextSent() {
        assertThat(sent).as("requests sent").isNotEmpty();
        return sent.poll();
    }

    <T extends Frame> T nextSent(Class<T> kind) {
        Frame frame = nextSent().frame();
        assertThat(frame).isInstanceOf(kind);
        return kind.cast(frame);
    }

    /** The names in the current tools/list. */
    List<String> toolNames() {
        mcp("{\"jsonrpc\":\"2.0\",\"id\":999,\"method\":\"tools/list\"}");
        List<String> names = new ArrayList<>();
        nextResult(999).path("tools").forEach(tool -> names.add(tool.path("name").asString()));
        return names;
    }

    /** How many {@code list_changed} notifications are waiting, consuming everything waiting. */
    long drainListChanged() {
        long count = mcp.stream().filter(m -> m.path("method").asString("").equals(McpMessages.TOOLS_CHANGED)).count();
        mcp.clear();
        return count;
    }

    void assertExhausted() {
        assertThat(mcp).as("unread MCP output").isEmpty();
        assertThat(sent).as("unread requests").isEmpty();
    }
}
