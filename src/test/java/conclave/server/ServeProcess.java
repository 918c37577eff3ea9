package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./conclave serve} running as a real process on an ephemeral port: started through the
 * launcher, found by its {@code listening} log line, stopped with SIGTERM. Every wait has a deadline.
 *
 * <p>Its stderr goes to a file rather than a pipe: when a process exits, the JDK closes the pipe
 * under a reader thread and the last lines are lost, and those are the shutdown lines.
 */
public final class ServeProcess implements AutoCloseable {
    public static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("conclave server listening addr=([^\\s:]+):(\\d+)");

    private final Process process;
    private final Path logFile;
    private final InetSocketAddress address;

    private ServeProcess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
        this.address = awaitListening();
    }

    /** Starts {@code ./conclave serve --bind 127.0.0.1:0} with the given extra arguments. */
    public static ServeProcess start(String... args) throws IOException {
        return startBound("127.0.0.1:0", Map.of(), args);
    }

    /** As {@link #start(String...)}, with these variables added to the environment. */
    public static ServeProcess start(Map<String, String> environment, String... args) throws IOException {
        return startBound("127.0.0.1:0", environment, args);
    }

    /**
     * Starts {@code ./conclave serve --bind <bind>} with the given extra arguments; a fixed port
     * lets a test restart a server where its clients expect it.
     */
    public static ServeProcess startBound(String bind, String... args) throws IOException {
        return startBound(bind, Map.of(), args);
    }

    private static ServeProcess startBound(String bind, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("./conclave", "serve", "--bind", bind));
        command.addAll(List.of(args));
        Path logFile = Files.createTempFile("conclave-serve", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(logFile.toFile());
        builder.environment().remove("CONCLAVE_ADMINS");
        builder.environment().remove("CONCLAVE_DATA_DIR");
        builder.environment().remove("CONCLAVE_STORE");
        builder.environment().remove("CONCLAVE_BIND");
        builder.environment().remove("CONCLAVE_METRICS_BIND");
        builder.environment().keySet().removeIf(name -> name.startsWith("CONCLAVE_MAX_") || name.equals("CONCLAVE_RATE_LIMIT"));
        builder.environment().putAll(environment);
        return new ServeProcess(builder.start(), logFile);
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Sends SIGTERM and returns the exit code, failing if the process outlives {@code deadline}. */
    public int terminate(Duration deadline) throws InterruptedException {
        process.destroy();
        boolean exited = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(exited).as("exited within %s of SIGTERM", deadline).isTrue();
        return process.exitValue();
    }

    /** Sends SIGKILL, as a crash would, and waits for the process to be gone. */
    public void kill(Duration deadline) throws InterruptedException {
        process.destroyForcibly();
        boolean exited = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(exited).as("killed within %s of SIGKILL", deadline).isTrue();
    }

    /** Everything the server has logged so far. */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(logFile);
    }

    private InetSocketAddress awaitListening() {
        try {
            return await().atMost(START_DEADLINE).pollInterval(Duration.ofMillis(50))
                    .until(this::listeningAddress, found -> found != null);
        } catch (RuntimeException notStarted) {
            process.destroyForcibly();
            throw new AssertionError("server did not report listening within " + START_DEADLINE + ":\n" + log(), notStarted);
        }
    }

    private InetSocketAddress listeningAddress() {
        Matcher listening = LISTENING.matcher(log());
        return listening.find() ? new InetSocketAddress(listening.group(1), Integer.parseInt(listening.group(2))) : null;
    }
}
