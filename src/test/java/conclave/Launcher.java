package conclave;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real {@code ./conclave} launcher, run as a process from the repository root after Maven has
 * packaged the jar (so it finds the jar up to date and does not build). Each launch gets a trimmed
 * environment (HOME, PATH, LANG, TMPDIR, then the caller's additions), so the caller's JAVA_HOME or
 * JVM option variables cannot change what it prints.
 */
public final class Launcher {
    /** The repository root, where the launcher lives. */
    public static final Path ROOT = Path.of("").toAbsolutePath();
    /** How long one launch may take before the test calls it a hang. */
    public static final Duration DEADLINE = Duration.ofSeconds(120);

    private Launcher() {}

    /** Runs {@code ./conclave args…} to completion with stdin closed, its output files in {@code temp}. */
    public static ChildProcess.Result run(Path temp, Map<String, String> env, String... args) {
        try (ChildProcess running = start(temp, env, args)) {
            return running.waitFor(DEADLINE);
        }
    }

    /** Like {@link #run(Path, Map, String...)} without extra environment. */
    public static ChildProcess.Result run(Path temp, String... args) {
        return run(temp, Map.of(), args);
    }

    /** Starts {@code ./conclave args…} with stdin closed, its output files in {@code temp}. */
    public static ChildProcess start(Path temp, Map<String, String> env, String... args) {
        return startCommand(temp, env, conclave(args));
    }

    /** Starts any command from the repository root the same way: trimmed environment, stdin closed. */
    public static ChildProcess startCommand(Path temp, Map<String, String> env, List<String> command) {
        return ChildProcess.start(fromRoot(env, command), temp);
    }

    /** Starts {@code ./conclave args…} with stdin and stdout pipes, for a test that plays its reader. */
    public static ChildProcess startPiped(String... args) {
        return ChildProcess.startPiped(fromRoot(Map.of(), conclave(args)));
    }

    private static List<String> conclave(String... args) {
        List<String> command = new ArrayList<>();
        command.add("./conclave");
        command.addAll(List.of(args));
        return command;
    }

    private static ProcessBuilder fromRoot(Map<String, String> env, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().keySet().retainAll(List.of("HOME", "PATH", "LANG", "TMPDIR"));
        builder.environment().putAll(env);
        return builder;
    }
}
