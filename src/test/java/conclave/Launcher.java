package conclave;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The real {@code ./conclave} launcher, run as a process from the repository root after Maven has
 * packaged the jar (so it finds the jar up to date and does not build). Each launch gets a trimmed
 * environment (HOME, PATH, LANG, TMPDIR, then the caller's additions), so the caller's JAVA_HOME or
 * JVM option variables cannot change what it prints. Output goes to files, not pipes: the JDK can
 * lose the last lines of a pipe when the process exits.
 */
public final class Launcher {
    /** The repository root, where the launcher lives. */
    public static final Path ROOT = Path.of("").toAbsolutePath();
    /** How long one launch may take before the test calls it a hang. */
    public static final Duration DEADLINE = Duration.ofSeconds(120);

    /** A finished launch: its exit code and everything it printed. */
    public record Result(int exitCode, String out, String err) {}

    private Launcher() {}

    /** Runs {@code ./conclave args…} to completion with stdin closed, its output files in {@code temp}. */
    public static Result run(Path temp, Map<String, String> env, String... args) {
        try (Running running = start(temp, env, args)) {
            return running.waitFor(DEADLINE);
        }
    }

    /** Like {@link #run(Path, Map, String...)} without extra environment. */
    public static Result run(Path temp, String... args) {
        return run(temp, Map.of(), args);
    }

    /** Starts {@code ./conclave args…} with stdin closed, its output files in {@code temp}. */
    public static Running start(Path temp, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add("./conclave");
        command.addAll(List.of(args));
        return startCommand(temp, env, command);
    }

    /** Starts any command from the repository root the same way: trimmed environment, stdin closed. */
    public static Running startCommand(Path temp, Map<String, String> env, List<String> command) {
        try {
            Path out = Files.createTempFile(temp, "stdout", ".txt");
            Path err = Files.createTempFile(temp, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(ROOT.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().keySet().retainAll(List.of("HOME", "PATH", "LANG", "TMPDIR"));
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            return new Running(process, String.join(" ", command), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends process {@code pid} a signal by name ({@code INT}, {@code STOP}, {@code CONT}) with {@code kill}. */
    public static void signal(long pid, String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A launch in progress, e.g. {@code conclave tail}; closing it kills the process if still alive. */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final String command;
        private final Path out;
        private final Path err;

        private Running(Process process, String command, Path out, Path err) {
            this.process = process;
            this.command = command;
            this.out = out;
            this.err = err;
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** Everything printed on stdout so far. */
        public String out() {
            return read(out);
        }

        /** Everything printed on stderr so far. */
        public String err() {
            return read(err);
        }

        /** Waits until stdout contains {@code text}, failing with both streams if it never does. */
        public void awaitOut(String text, Duration limit) {
            awaiting(limit).alias("stdout of " + command + " contains " + text).until(() -> {
                if (!process.isAlive() && !out().contains(text)) {
                    throw new AssertionError(command + " exited " + process.exitValue()
                            + " before printing " + text + "\nstdout: " + out() + "\nstderr: " + err());
                }
                return out().contains(text);
            });
        }

        /** Waits until stderr contains {@code text}. */
        public void awaitErr(String text, Duration limit) {
            awaiting(limit).alias("stderr of " + command + " contains " + text).until(() -> err().contains(text));
        }

        /** Sends a signal by name ({@code INT}, {@code TERM}) with {@code kill}. */
        public void signal(String name) {
            Launcher.signal(process.pid(), name);
        }

        /** Waits for the process to exit within {@code limit} and returns what it did. */
        public Result waitFor(Duration limit) {
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(command + " still running after " + limit
                            + "\nstdout: " + out() + "\nstderr: " + err());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            return new Result(process.exitValue(), out(), err());
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static ConditionFactory awaiting(Duration limit) {
            return Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(50));
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
