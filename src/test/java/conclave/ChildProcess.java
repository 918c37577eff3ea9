package conclave;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A process a test started. Its stderr, and its stdout unless the test talks to it over pipes, go
 * to files: the JDK can lose the last lines of a pipe when the process exits, and a file never
 * blocks the writer. Every wait has a deadline; closing kills the process if it still runs and
 * deletes the files.
 *
 * <p>Not thread-safe; one owner.
 */
public final class ChildProcess implements AutoCloseable {
    private static final Duration KILL_DEADLINE = Duration.ofSeconds(10);
    private static final Path SYSTEM_TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    /** A finished process: its exit code and everything it printed. */
    public record Result(int exitCode, String out, String err) {}

    private final Process process;
    private final String command;
    private final Path out; // null when the test reads stdout as a pipe
    private final Path err;

    private ChildProcess(Process process, String command, Path out, Path err) {
        this.process = process;
        this.command = command;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code builder}'s command with stdin closed and stdout and stderr in new files in {@code dir}. */
    public static ChildProcess start(ProcessBuilder builder, Path dir) {
        try {
            Path out = Files.createTempFile(dir, "stdout", ".txt");
            ChildProcess child = start(builder.redirectOutput(out.toFile()), dir, out);
            child.process.getOutputStream().close();
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #start(ProcessBuilder, Path)}, with the files in the system's temporary directory. */
    public static ChildProcess start(ProcessBuilder builder) {
        return start(builder, SYSTEM_TEMP);
    }

    /**
     * Starts {@code builder}'s command with stdin and stdout pipes (see {@link #stdin()}) and stderr
     * in a new file in the system's temporary directory.
     */
    public static ChildProcess startPiped(ProcessBuilder builder) {
        return start(builder.redirectOutput(ProcessBuilder.Redirect.PIPE), SYSTEM_TEMP, null);
    }

    private static ChildProcess start(ProcessBuilder builder, Path dir, Path out) {
        try {
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            Process process = builder.redirectError(err.toFile()).start();
            return new ChildProcess(process, String.join(" ", builder.command()), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** User plus system CPU time the process has used so far. */
    public Duration cpuTime() {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("no CPU time for pid " + pid()));
    }

    /** The process's stdin, when started with {@link #startPiped}. */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /** The process's stdout, when started with {@link #startPiped}. */
    public InputStream stdout() {
        return process.getInputStream();
    }

    /** Everything printed on stdout so far, when started with {@link #start}. */
    public String out() {
        if (out == null) {
            throw new IllegalStateException("stdout of " + command + " is a pipe");
        }
        return read(out);
    }

    /** Everything printed on stderr so far. */
    public String err() {
        return read(err);
    }

    /** Waits until stdout contains {@code text}, failing with both streams if it never does. */
    public void awaitOut(String text, Duration limit) {
        await("stdout contains " + text, this::out, printed -> printed.contains(text) ? text : null, limit);
    }

    /** Waits until stderr contains {@code text}, failing with both streams if it never does. */
    public void awaitErr(String text, Duration limit) {
        await("stderr contains " + text, this::err, printed -> printed.contains(text) ? text : null, limit);
    }

    /**
     * Waits until stderr reports an address: the first match of {@code line}, with the host in group
     * 1 and the port in group 2. Kills the process if it never does, as nothing else will.
     */
    public InetSocketAddress awaitAddress(Pattern line, Duration limit) {
        try {
            return await("stderr reports an address (" + line + ")", this::err, printed -> {
                Matcher address = line.matcher(printed);
                return address.find() ? new InetSocketAddress(address.group(1), Integer.parseInt(address.group(2))) : null;
            }, limit);
        } catch (AssertionError | RuntimeException notListening) {
            close();
            throw notListening;
        }
    }

    /** Sends a signal by name ({@code INT}, {@code TERM}, {@code STOP}, {@code CONT}) with {@code kill}. */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits for the process to exit within {@code limit} and returns what it did. */
    public Result waitFor(Duration limit) {
        return new Result(exitWithin(limit), out(), err());
    }

    /** Waits for the process to exit within {@code limit} and returns its exit code; kills it and fails if it does not. */
    public int exitWithin(Duration limit) {
        boolean exited;
        try {
            exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (!exited) {
            process.destroyForcibly();
            throw new AssertionError(command + " still running after " + limit + streams());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM and returns the exit code, failing if the process outlives {@code limit}. */
    public int terminate(Duration limit) {
        process.destroy();
        return exitWithin(limit);
    }

    /** Sends SIGKILL, as a crash would, and waits up to {@code limit} for the process to be gone. */
    public void kill(Duration limit) {
        process.destroyForcibly();
        exitWithin(limit);
    }

    /** Sends SIGTERM and gives the process {@code grace} to shut down cleanly before {@link #close()} kills it. */
    public void stop(Duration grace) {
        process.destroy();
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(KILL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(err);
            if (out != null) {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls {@code printed} until {@code find} finds something in it, failing at once if the process
     * exits without printing it, and with both streams if the limit passes.
     */
    private <T> T await(String what, Callable<String> printed, Function<String, T> find, Duration limit) {
        try {
            return Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(50)).alias(command + ": " + what)
                    .until(() -> {
                        // once it has exited, its files hold everything it will ever print
                        boolean exited = !process.isAlive();
                        T found = find.apply(printed.call());
                        if (found == null && exited) {
                            throw new AssertionError(command + " exited " + process.exitValue() + " before " + what
                                    + streams());
                        }
                        return found;
                    }, Objects::nonNull);
        } catch (ConditionTimeoutException timedOut) {
            throw new AssertionError(command + ": not " + what + " within " + limit + streams(), timedOut);
        }
    }

    private String streams() {
        return (out == null ? "" : "\nstdout: " + out()) + "\nstderr: " + err();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
