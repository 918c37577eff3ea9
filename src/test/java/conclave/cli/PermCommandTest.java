package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code conclave perm set} and {@code perm show}: the scope rules of reference cli.md §1.2. */
class PermCommandTest {
    private static final String NL = System.lineSeparator();
    private static final String UPDATED = "✓ permission updated (applies to newly started bridges;"
            + " a live session changes levels with its `set_perm` tool)" + NL;
    private static final String SERVER = "wss://conclave.example";

    @TempDir
    Path dir;

    @Test
    void show_noConfigFile_printsTheDefaultOnlyAndWritesNothing() {
        CliRun run = perm("show");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("default: notify" + NL);
        assertThat(run.err()).isEmpty();
        assertThat(dir.resolve("config.toml")).doesNotExist();
    }

    @Test
    void set_levelAlone_setsTheMachineDefault() throws IOException {
        CliRun run = perm("set", "converse");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(UPDATED);
        assertThat(perm("show").out()).isEqualTo("default: converse" + NL);
        assertThat(Files.readString(dir.resolve("config.toml"))).isEqualTo("default_permission = \"converse\"\n");
    }

    @Test
    void set_serverAndChannel_addsAChannelOverride() {
        CliRun run = perm("set", "converse", "--server", SERVER, "--channel", "ops");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(UPDATED);
        assertThat(perm("show").out()).isEqualTo("default: notify" + NL + SERVER + " ops -> converse" + NL);
    }

    @Test
    void set_serverAndWhisper_addsAWhisperOverride() {
        perm("set", "act", "--whisper", "--server", SERVER);

        assertThat(perm("show").out()).isEqualTo("default: notify" + NL + SERVER + " <whisper> -> act" + NL);
    }

    @Test
    void set_sameScopeAgain_replacesTheOverride() {
        perm("set", "converse", "--server", SERVER, "--channel", "ops");
        perm("set", "act", "--server", SERVER, "--whisper");

        perm("set", "mute", "--server", SERVER, "--channel", "ops");

        assertThat(perm("show").out()).isEqualTo("default: notify" + NL
                + SERVER + " <whisper> -> act" + NL
                + SERVER + " ops -> mute" + NL);
    }

    @Test
    void set_keepsRegistrationsAndOtherOverrides() throws IOException {
        Files.writeString(dir.resolve("config.toml"), """
                [[servers]]
                url = "wss://conclave.example"
                username = "aaron"
                machine = "workstation"

                [[overrides]]
                server = "ws://other:4390"
                channel = "lobby"
                level = "mute"
                """);

        perm("set", "act");

        assertThat(Files.readString(dir.resolve("config.toml"))).isEqualTo("""
                default_permission = "act"

                [[servers]]
                url = "wss://conclave.example"
                username = "aaron"
                machine = "workstation"

                [[overrides]]
                server = "ws://other:4390"
                channel = "lobby"
                level = "mute"
                """);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            server without scope       | --server wss://conclave.example                                  | --server needs an explicit scope: pass --channel <name> or --whisper
            channel and whisper        | --server wss://conclave.example --channel ops --whisper          | --channel and --whisper are mutually exclusive
            channel without server     | --channel ops                                                    | --channel / --whisper require --server
            whisper without server     | --whisper                                                        | --channel / --whisper require --server
            both, without server       | --channel ops --whisper                                          | --channel and --whisper are mutually exclusive
            server not a websocket URL | --server https://conclave.example --channel ops                  | server must be a ws:// or wss:// URL, got "https://conclave.example"
            channel with a slash       | --server wss://conclave.example --channel a/b                    | channel must be 1-64 characters without /, whitespace or control characters, got "a/b"
            """)
    void set_badScope_exitsOneWithTheRuleAndWritesNothing(String name, String flags, String message) {
        List<String> args = new ArrayList<>(List.of("set", "converse"));
        args.addAll(List.of(flags.split(" ")));

        CliRun run = perm(args.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("❌ " + message + NL);
        assertThat(dir.resolve("config.toml")).doesNotExist();
    }

    @Test
    void set_unknownLevel_exitsOneNamingTheChoices() {
        CliRun run = perm("set", "loud", "--server", SERVER, "--channel", "ops");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("❌ unknown permission level `loud` (expected mute, notify, converse, or act)" + NL);
        assertThat(dir.resolve("config.toml")).doesNotExist();
    }

    @Test
    void set_noLevel_isUsageError() {
        CliRun run = perm("set");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing required parameter: '<LEVEL>'");
    }

    @Test
    void show_invalidConfig_exitsOneNamingFileLineAndRule() throws IOException {
        Files.writeString(dir.resolve("config.toml"), "# mine\n\ndefault_permission = \"loud\"\n");

        CliRun run = perm("show");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("❌ " + dir.resolve("config.toml") + " line 3: default_permission must be one of"
                + " mute, notify, converse, act, got \"loud\"" + NL);
    }

    @Test
    void set_invalidConfig_exitsOneAndLeavesTheFileAlone() throws IOException {
        String broken = "default_permission = \"notify\"\n[[servers]]\nurl = \"wss://a\"\n";
        Files.writeString(dir.resolve("config.toml"), broken);

        CliRun run = perm("set", "act");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(
                "❌ " + dir.resolve("config.toml") + " line 2: [[servers]] username is required" + NL);
        assertThat(Files.readString(dir.resolve("config.toml"))).isEqualTo(broken);
    }

    private CliRun perm(String... args) {
        List<String> all = new ArrayList<>(List.of("perm"));
        all.addAll(List.of(args));
        all.addAll(List.of("--config-dir", dir.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }
}
