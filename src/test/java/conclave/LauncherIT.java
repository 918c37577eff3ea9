package conclave;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./conclave} launcher as a process from the repository root, after Maven has
 * packaged the jar (so the launcher finds it up to date and does not build).
 */
class LauncherIT {
    private static final Duration DEADLINE = Launcher.DEADLINE;

    @TempDir
    Path temp;

    @Test
    void version_printsExactlyOneLineAndNothingElse() {
        ChildProcess.Result first = launch(Map.of(), "--version");
        ChildProcess.Result second = launch(Map.of(), "--version");

        for (ChildProcess.Result launch : List.of(first, second)) {
            assertThat(launch.exitCode()).isZero();
            assertThat(launch.out()).isEqualTo("conclave " + projectVersion() + "\n");
            assertThat(launch.err()).isEmpty();
        }
    }

    @Test
    void serve_invalidLimitInTheEnvironment_exitsTwoNamingFlagAndVariable() {
        ChildProcess.Result launch = launch(Map.of("CONCLAVE_MAX_SESSIONS", "0"), "serve", "--ephemeral", "--bind", "127.0.0.1:0");

        assertThat(launch.exitCode()).isEqualTo(2);
        assertThat(launch.err()).contains("invalid --max-sessions (or CONCLAVE_MAX_SESSIONS): must be at least 1, got 0");
    }

    @Test
    void help_listsEveryVerb() {
        ChildProcess.Result launch = launch(Map.of(), "--help");

        assertThat(launch.exitCode()).isZero();
        for (String verb : List.of(
                "serve", "bridge", "key", "register", "machine", "server", "join", "perm", "channel", "acl",
                "invite", "status", "send", "tail", "who", "kick", "ban", "unban", "bans", "user", "admin", "skill",
                "completions")) {
            assertThat(launch.out()).containsPattern("(?m)^  " + verb + " +\\S");
        }
        assertThat(launch.err()).isEmpty();
    }

    @Test
    void bridge_withoutKey_exitsOneBeforeAnyMcpOutput() {
        Path configDir = temp.resolve("empty-config");

        ChildProcess.Result launch = launch(Map.of(), "bridge", "--config-dir", configDir.toString());

        assertThat(launch.exitCode()).isEqualTo(1);
        assertThat(launch.out()).isEmpty();
        assertThat(launch.err()).startsWith("❌ failed to read keyfile").contains("run `conclave key` first");
    }

    @Test
    void noJdkAnywhere_exitsOneAndSaysWhatToInstall() throws IOException {
        Path binWithoutJava = Files.createDirectory(temp.resolve("bin"));
        Files.createSymbolicLink(binWithoutJava.resolve("bash"), onPath("bash"));

        ChildProcess.Result launch = launch(Map.of("PATH", binWithoutJava.toString(), "CONCLAVE_JDK_DIRS", "/nonexistent"), "--version");

        assertThat(launch.exitCode()).isEqualTo(1);
        assertThat(launch.out()).isEmpty();
        assertThat(launch.err())
                .startsWith("❌ conclave needs a Java Development Kit (JDK) 17 or newer, and found none.\n")
                .contains("/nonexistent", "apt-get install openjdk-17-jdk-headless", "https://adoptium.net");
    }

    @Test
    void key_inFreshConfigDir_printsThePublicKeyAndCreatesTheKeyFile() {
        Path configDir = temp.resolve("config");

        ChildProcess.Result launch = launch(Map.of(), "--config-dir", configDir.toString(), "key");

        assertThat(launch.exitCode()).isZero();
        assertThat(launch.out()).matches("[A-Za-z0-9_-]{43}\n");
        assertThat(launch.err()).isEmpty();
        assertThat(configDir.resolve("key")).isRegularFile();
    }

    @Test
    void completions_eachShell_succeedsAndMentionsConclave() {
        for (String shell : List.of("bash", "zsh", "fish")) {
            ChildProcess.Result launch = launch(Map.of(), "completions", shell);

            assertThat(launch.exitCode()).as(shell).isZero();
            assertThat(launch.out()).as(shell).contains("conclave");
            assertThat(launch.err()).as(shell).isEmpty();
        }
    }

    /**
     * {@code conclave completions bash | head -c 16}, made deterministic: the reader closes the
     * pipe before the JVM has started, so the write surely fails (the script would fit in a pipe
     * buffer, and a slow {@code head} could otherwise still find it all written).
     */
    @Test
    void completions_stdoutClosedByReader_endsQuietlyWithSigpipeStatus() throws Exception {
        try (ChildProcess process = Launcher.startPiped("completions", "bash")) {
            process.stdout().close();
            process.stdin().close();

            assertThat(process.exitWithin(DEADLINE)).isEqualTo(141);
            assertThat(process.err()).isEmpty();
        }
    }

    @Test
    void skillInstall_withoutDir_writesIntoClaudeSkillsUnderHome() throws IOException {
        Path home = Files.createDirectory(temp.resolve("home"));

        ChildProcess.Result launch = launch(Map.of("HOME", home.toString()), "skill", "install");

        Path installed = home.resolve(".claude/skills/conclave/SKILL.md");
        assertThat(launch.exitCode()).isZero();
        assertThat(launch.out()).isEqualTo("✓ installed the conclave skill to " + installed + "\n");
        assertThat(Files.readString(installed, UTF_8)).startsWith("---\nname: conclave\n");
    }

    private ChildProcess.Result launch(Map<String, String> env, String... args) {
        return Launcher.run(temp, env, args);
    }

    private static Path onPath(String program) {
        return Arrays.stream(System.getenv("PATH").split(":"))
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError(program + " is not on PATH"));
    }

    private static String projectVersion() {
        try (InputStream in = LauncherIT.class.getResourceAsStream("/conclave-version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
