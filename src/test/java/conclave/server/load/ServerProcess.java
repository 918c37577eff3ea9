package conclave.server.load;

import conclave.ChildProcess;
import conclave.server.ServeProcess;
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
    private static final Pattern NATS_LISTENING =
            Pattern.compile("Listening for client connections on ([^\\s:]+):(\\d+)");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final String name;
    private final ChildProcess process;
    private final InetSocketAddress address;

    private ServerProcess(String name, ChildProcess process, Pattern listening) {
        this.name = name;
        this.process = process;
        this.address = process.awaitAddress(listening, START_DEADLINE);
    }

    /**
     * Starts {@code conclave serve --ephemeral --bind 127.0.0.1:0} with the JVM options given,
     * from {@code jar} if present, else from this JVM's class path. Rate limiting is off and the
     * per-address pre-auth cap lifted: the generator floods from one address on purpose.
     */
    static ServerProcess conclave(List<String> jvmOptions, Path jar) {
        return conclave(jvmOptions, jar, List.of("--ephemeral"));
    }

    /** As {@link #conclave(List, Path)}, with its store in {@code dataDir} as a production server keeps it. */
    static ServerProcess conclaveOnDisk(List<String> jvmOptions, Path jar, Path dataDir) {
        return conclave(jvmOptions, jar, List.of("--data-dir", dataDir.toString()));
    }

    /**
     * As above, with {@code storeAndCluster} (e.g. {@code --store URL --cluster postgres}) in place
     * of {@code --ephemeral}: one instance of a conclave that spans several processes.
     */
    static ServerProcess conclave(List<String> jvmOptions, Path jar, List<String> storeAndCluster) {
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
        return start("conclave", command, ServeProcess.LISTENING);
    }

    /** Starts {@code nats-server} on a random loopback port with its default limits. */
    public static ServerProcess natsServer(String executable) {
        return natsServer(executable, List.of());
    }

    /** As above, with more of its flags, e.g. {@code -c <config file>}. */
    public static ServerProcess natsServer(String executable, List<String> flags) {
        List<String> command = new ArrayList<>(List.of(executable, "-a", "127.0.0.1", "-p", "-1"));
        command.addAll(flags);
        return start("nats-server", command, NATS_LISTENING);
    }

    private static ServerProcess start(String name, List<String> command, Pattern listening) {
        ProcessBuilder builder = new ProcessBuilder(command);
        ServeProcess.withoutServerSettings(builder.environment());
        return new ServerProcess(name, ChildProcess.start(builder), listening);
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
        return process.cpuTime();
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
        return process.err();
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
    public void close() {
        process.stop(STOP_DEADLINE);
    }
}
