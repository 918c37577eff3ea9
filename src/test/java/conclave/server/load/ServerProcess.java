package conclave.server.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test in its own process, so that its memory can be read from {@code /proc} and
 * its CPU time is not the generator's: {@code conclave serve} (in memory, or on a data directory) on
 * the generator's own class path (or a built jar), or {@code nats-server}. Found by the port in its listening log
 * line; stopped with SIGTERM. Its stderr goes to a file, not a pipe, so nothing it writes can
 * ever block it.
 *
 * <p>Not thread-safe; one owner.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(10);
    private static final Pattern CONCLAVE_LISTENING =
            Pattern.compile("conclave server listening addr=([^\\s:]+):(\\d+)");
    private static final Pattern NATS_LISTENING =
            Pattern.compile("Listening for client connections on ([^\\s:]+):(\\d+)");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final String name;
    private final Process process;
    private final Path log;
    private final InetSocketAddress address;

    private ServerProcess(String name, Process process, Path log, Pattern listening) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.address = awaitListening(listening);
    }

    /**
     * Starts {@code conclave serve --ephemeral --bind 127.0.0.1:0} with the JVM options given,
     * from {@code jar} if present, else from this JVM's class path. Rate limiting is off and the
     * per-address pre-auth cap lifted: the generator floods from one address on purpose.
     */
    static ServerProcess conclave(List<String> jvmOptions, Path jar) throws IOException {
        return conclave(jvmOptions, jar, List.of("--ephemeral"));
    }

    /** As {@link #conclave(List, Path)}, with its store in {@code dataDir} as a production server keeps it. */
    static ServerProcess conclaveOnDisk(List<String> jvmOptions, Path jar, Path dataDir) throws IOException {
        return conclave(jvmOptions, jar, List.of("--data-dir", dataDir.toString()));
    }

    /**
     * As above, with {@code storeAndCluster} (e.g. {@code --store URL --cluster postgres}) in place
     * of {@code --ephemeral}: one instance of a conclave that spans several processes.
     */
    static ServerProcess conclave(List<String> jvmOptions, Path jar, List<String> storeAndCluster) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (jar != null) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "conclave.cli.Main"));
        }
        command.addAll(List.of("serve", "--bind", "127.0.0.1:0",
                "--rate-limit", "off", "--max-pre-auth-per-address", "100000"));
        command.addAll(storeAndCluster);
        return start("conclave", command, CONCLAVE_LISTENING);
    }

    /** Starts {@code nats-server} on a random loopback port with its default limits. */
    public static ServerProcess natsServer(String executable) throws IOException {
        return natsServer(executable, List.of());
    }

    /** As above, with more of its flags, e.g. {@code -c <config file>}. */
    public static ServerProcess natsServer(String executable, List<String> flags) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable, "-a", "127.0.0.1", "-p", "-1"));
        command.addAll(flags);
        return start("nats-server", command, NATS_LISTENING);
    }

    private static ServerProcess start(String name, List<String> command, Pattern listening) throws IOException {
        Path log = Files.createTempFile(name + "-load", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile());
        builder.environment().remove("CONCLAVE_ADMINS");
        builder.environment().remove("CONCLAVE_DATA_DIR");
        builder.environment().remove("CONCLAVE_BIND");
        builder.environment().remove("CONCLAVE_STORE");
        builder.environment().remove("CONCLAVE_CLUSTER");
        return new ServerProcess(name, builder.start(), log, listening);
    }

    String name() {
        return name;
    }

    public InetSocketAddress address() {
        return address;
    }

    long pid() {
        return process.pid();
    }

    /** True while the process runs. */
    boolean alive() {
        return process.isAlive();
    }

    /** Resident set size from {@code /proc/<pid>/status} (VmRSS). */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS line for pid " + pid());
    }

    /** User plus system CPU time the process has used so far. */
    Duration cpuTime() {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("no CPU time for pid " + pid()));
    }

    /**
     * Runs a full GC in the (JVM) server through {@code jcmd}, then returns the heap in use.
     *
     * @throws IllegalStateException if jcmd fails or its answer has no heap usage
     */
    long heapUsedAfterGc() {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher used = HEAP_USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("no heap usage in jcmd GC.heap_info:\n" + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    /** The first {@code lines} lines of the live class histogram (also forces a full GC). */
    String classHistogram(int lines) {
        return jcmd("GC.class_histogram").lines().limit(lines).reduce("", (a, b) -> a + b + "\n");
    }

    /** Everything the server logged so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of the log that contain {@code word}, counted. */
    long logLinesContaining(String word) {
        return log().lines().filter(line -> line.contains(word)).count();
    }

    private String jcmd(String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process run = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd " + command, e);
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }

    private InetSocketAddress awaitListening(Pattern listening) {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Matcher matcher = listening.matcher(log());
            if (matcher.find()) {
                return new InetSocketAddress(matcher.group(1), Integer.parseInt(matcher.group(2)));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before listening:\n" + log());
            }
            try {
                Thread.sleep(50); // polling a child's log file; nothing to synchronise with
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not report listening within " + START_DEADLINE + ":\n" + log());
    }
}
