package conclave.server;

import conclave.ChildProcess;
import conclave.Launcher;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ./conclave serve} running as a real process on an ephemeral port: started through the
 * launcher, found by its {@code listening} log line, stopped with SIGTERM. Every wait has a deadline.
 */
public final class ServeProcess implements AutoCloseable {
    /** The log line of a server that accepts connections, with its host and port. */
    public static final Pattern LISTENING = Pattern.compile("conclave server listening addr=([^\\s:]+):(\\d+)");
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);

    private final ChildProcess process;
    private final InetSocketAddress address;

    private ServeProcess(ChildProcess process) {
        this.process = process;
        this.address = process.awaitAddress(LISTENING, START_DEADLINE);
    }

    /** Starts {@code ./conclave serve --bind 127.0.0.1:0} with the given extra arguments. */
    public static ServeProcess start(String... args) {
        return startBound("127.0.0.1:0", Map.of(), args);
    }

    /** As {@link #start(String...)}, with these variables added to the environment. */
    public static ServeProcess start(Map<String, String> environment, String... args) {
        return startBound("127.0.0.1:0", environment, args);
    }

    /**
     * Starts {@code ./conclave serve --bind <bind>} with the given extra arguments; a fixed port
     * lets a test restart a server where its clients expect it.
     */
    public static ServeProcess startBound(String bind, String... args) {
        return startBound(bind, Map.of(), args);
    }

    private static ServeProcess startBound(String bind, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("./conclave", "serve", "--bind", bind));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Launcher.ROOT.toFile());
        withoutServerSettings(builder.environment());
        builder.environment().putAll(environment);
        return new ServeProcess(ChildProcess.start(builder));
    }

    /**
     * Removes the {@code CONCLAVE_} variables that configure a server from {@code environment}, so
     * that only what the test passes decides how its server runs.
     */
    public static void withoutServerSettings(Map<String, String> environment) {
        environment.keySet().removeIf(name -> List.of("CONCLAVE_ADMINS", "CONCLAVE_DATA_DIR", "CONCLAVE_STORE",
                "CONCLAVE_CLUSTER", "CONCLAVE_BIND", "CONCLAVE_METRICS_BIND", "CONCLAVE_RATE_LIMIT").contains(name)
                || name.startsWith("CONCLAVE_MAX_"));
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Sends SIGTERM and returns the exit code, failing if the process outlives {@code deadline}. */
    public int terminate(Duration deadline) {
        return process.terminate(deadline);
    }

    /** Sends SIGKILL, as a crash would, and waits for the process to be gone. */
    public void kill(Duration deadline) {
        process.kill(deadline);
    }

    /** Everything the server has logged so far. */
    public String log() {
        return process.err();
    }

    @Override
    public void close() {
        process.close();
    }
}
