package conclave.bridge;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import conclave.ChildProcess;
import conclave.Launcher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./conclave bridge} running as a real process, driven over its stdin and stdout with MCP
 * JSON-RPC like Claude Code drives it. Every stdout line must be JSON; stderr goes to a file.
 * Every wait has a deadline.
 */
final class BridgeProcess implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChildProcess process;
    private final OutputStream stdin;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final Set<Integer> consumed = ConcurrentHashMap.newKeySet();
    private final List<String> notJson = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);

    private BridgeProcess(ChildProcess process) {
        this.process = process;
        this.stdin = process.stdin();
        Thread reader = new Thread(this::readStdout, "bridge-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code ./conclave bridge --config-dir <configDir> <args…>} in {@code workDir}. */
    static BridgeProcess start(Path configDir, Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(Launcher.ROOT.resolve("conclave").toString(), "bridge",
                "--config-dir", configDir.toString()));
        command.addAll(List.of(args));
        return new BridgeProcess(ChildProcess.startPiped(new ProcessBuilder(command).directory(workDir.toFile())));
    }

    /** Writes one raw line to the bridge's stdin. */
    void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a request and returns its id. */
    long request(String method, String params) {
        long id = nextId.getAndIncrement();
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
        return id;
    }

    /** Sends {@code initialize} as Claude Code opens a session, and returns the response. */
    JsonNode initialize() {
        return response(request("initialize", "{\"protocolVersion\":\"2025-06-18\"}"));
    }

    /** Sends {@code notifications/initialized}, as Claude Code does once it has the initialize response. */
    void initialized() {
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    /** The names of the tools the bridge lists now. */
    List<String> toolNames() {
        List<String> names = new ArrayList<>();
        response(request("tools/list", "{}")).path("result").path("tools")
                .forEach(tool -> names.add(tool.path("name").asString()));
        return names;
    }

    /** The response to request {@code id}. */
    JsonNode response(long id) {
        return next(message -> message.path("id").isNumber() && message.path("id").asLong() == id
                && !message.has("method"), DEADLINE);
    }

    /** Calls {@code tool} and returns its result. */
    JsonNode call(String tool, String arguments) {
        return response(request("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}"))
                .path("result");
    }

    /** Calls {@code tool}, which must succeed, and returns its text. */
    String callOk(String tool, String arguments) {
        JsonNode result = call(tool, arguments);
        assertThat(result.path("isError").asBoolean(false)).as("%s failed: %s", tool, result).isFalse();
        return result.path("content").get(0).path("text").asString();
    }

    /** The first message not taken yet that matches, waiting up to {@code deadline}. */
    JsonNode next(Predicate<JsonNode> matching, Duration deadline) {
        try {
            return await().atMost(deadline).pollInterval(Duration.ofMillis(20)).until(() -> {
                for (int i = 0; i < received.size(); i++) {
                    if (!consumed.contains(i) && matching.test(received.get(i))) {
                        consumed.add(i);
                        return received.get(i);
                    }
                }
                return null;
            }, found -> found != null);
        } catch (RuntimeException timedOut) {
            throw new AssertionError("no matching MCP message within " + deadline + "; received " + received
                    + "\nstderr:\n" + log(), timedOut);
        }
    }

    /** Whether any message received so far matches, taken or not. */
    boolean saw(Predicate<JsonNode> matching) {
        return received.stream().anyMatch(matching);
    }

    /** The next {@code notifications/claude/channel} whose content contains {@code text}. */
    JsonNode channelNotification(String text) {
        return next(message -> message.path("method").asString("").equals("notifications/claude/channel")
                && message.path("params").path("content").asString("").contains(text), DEADLINE);
    }

    /** The content of every {@code notifications/claude/channel} received so far, taken or not, in order. */
    List<String> channelContents() {
        return received.stream()
                .filter(message -> message.path("method").asString("").equals("notifications/claude/channel"))
                .map(message -> message.path("params").path("content").asString(""))
                .toList();
    }

    /** The next {@code notifications/tools/list_changed}. */
    JsonNode listChanged() {
        return next(message -> message.path("method").asString("").equals("notifications/tools/list_changed"), DEADLINE);
    }

    /** Lines on stdout that were not JSON: must stay empty, stdout is MCP only. */
    List<String> notJson() {
        return notJson;
    }

    String log() {
        return process.err();
    }

    /** Sends the bridge's JVM a signal by name, e.g. {@code STOP} and {@code CONT} to freeze it for a while. */
    void signal(String name) {
        process.signal(name);
    }

    /** Closes stdin and waits for the exit code, as Claude Code ends a session. */
    int endInput() throws IOException {
        stdin.close();
        return process.exitWithin(DEADLINE);
    }

    @Override
    public void close() {
        process.close();
    }

    private void readStdout() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.stdout(), UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                try {
                    received.add(JSON.readTree(line));
                } catch (RuntimeException notAMessage) {
                    notJson.add(line);
                }
            }
        } catch (IOException closed) {
            // the process ended
        }
    }
}
