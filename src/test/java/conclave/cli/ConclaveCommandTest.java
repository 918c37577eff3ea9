package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

class ConclaveCommandTest {
    private static final List<String> VERBS = List.of(
            "serve", "bridge", "key", "register", "machine", "server", "join", "perm", "channel", "acl",
            "invite", "status", "send", "tail", "approve", "deny", "ui", "who", "kick", "ban", "unban", "bans", "user", "admin", "skill",
            "completions", "help");

    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

    @TempDir
    Path configDir;
    private final Level levelBefore = root.getLevel();

    @AfterEach
    void restoreLogLevel() {
        root.setLevel(levelBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void version_anySpelling_printsNameAndVersionOnly(String flag) {
        CliRun run = CliRun.of(flag);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("conclave " + VersionProvider.version() + System.lineSeparator());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void version_afterVerb_printsVersionInsteadOfRunningIt() {
        CliRun run = CliRun.of("serve", "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("conclave " + VersionProvider.version() + System.lineSeparator());
    }

    @Test
    void version_fromBuild_isTheFilteredProjectVersion() {
        assertThat(VersionProvider.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void help_anySpelling_listsEveryVerbInOrder(String flag) {
        CliRun run = CliRun.of(flag);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: conclave [-hvV] [--config-dir=<DIR>] [COMMAND]");
        assertThat(run.out().replaceAll("\\s+", " "))
                .contains("Discord for coding agents: shared channels that let Claude Code sessions"
                        + " talk to each other over a central server.");
        assertThat(listedCommands(run.out())).containsExactlyElementsOf(VERBS);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void help_ofGroup_listsItsSubcommands() {
        CliRun run = CliRun.of("channel", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(listedCommands(run.out())).containsExactly("create", "delete", "rename", "set-visibility", "list");
    }

    @Test
    void verb_unknown_isUsageError() {
        CliRun run = CliRun.of("frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("Unmatched argument at index 0: 'frobnicate'");
    }

    @Test
    void noVerb_isUsageErrorWithUsage() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing required subcommand").contains("Usage: conclave");
    }

    @Test
    void group_withoutSubcommand_isUsageError() {
        CliRun run = CliRun.of("machine");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing required subcommand").contains("Usage: conclave machine");
    }

    @Test
    void option_unknown_isUsageError() {
        CliRun run = CliRun.of("key", "--frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Unknown option: '--frobnicate'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--config-dir /tmp/cfg key", "key --config-dir /tmp/cfg", "server list --config-dir=/tmp/cfg"})
    void configDir_beforeOrAfterVerb_isParsedIntoRoot(String commandLine) {
        CommandLine cli = ConclaveCommand.commandLine();

        cli.parseArgs(commandLine.split(" "));

        assertThat(((ConclaveCommand) cli.getCommand()).configDir).isEqualTo(Path.of("/tmp/cfg"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"key", "--config-dir send key", "-v send --channel c x", "channel create c", "key --help"})
    void commandLine_forAKnownVerb_holdsOnlyThatVerb(String commandLine) {
        String verb = commandLine.startsWith("--config-dir") ? "key" : commandLine.replaceFirst("^-v ", "").split(" ")[0];

        CommandLine cli = ConclaveCommand.commandLine(commandLine.split(" "));

        assertThat(cli.getSubcommands().keySet()).containsExactly(verb);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--help", "help key", "completions bash", "skill", "frobnicate", "--version"})
    void commandLine_forHelpCompletionsSkillOrNoKnownVerb_holdsTheWholeTree(String commandLine) {
        CommandLine cli = ConclaveCommand.commandLine(commandLine.isEmpty() ? new String[0] : commandLine.split(" "));

        assertThat(cli.getSubcommands()).hasSameSizeAs(ConclaveCommand.VERBS);
    }

    @Test
    void verbHelp_withOnlyThatVerb_printsTheSameAsWithTheWholeTree() {
        String alone = ConclaveCommand.commandLine(new String[] {"tail"}).getSubcommands().get("tail").getUsageMessage();
        String inTree = ConclaveCommand.commandLine().getSubcommands().get("tail").getUsageMessage();

        assertThat(alone).isEqualTo(inTree).contains("--since", "--config-dir");
    }

    @Test
    void configDir_withoutValue_isUsageError() {
        CliRun run = CliRun.of("key", "--config-dir");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing required parameter for option '--config-dir'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-v perm show", "perm show --verbose", "server list -v"})
    void verbose_beforeOrAfterVerb_raisesLogLevelToDebug(String commandLine) {
        root.setLevel(Level.INFO);

        CliRun.of(withConfigDir(commandLine));

        assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void verbose_absent_keepsLogLevel() {
        root.setLevel(Level.INFO);

        CliRun.of(withConfigDir("perm show"));

        assertThat(root.getLevel()).isEqualTo(Level.INFO);
    }

    /** The words of {@code commandLine} plus a throwaway --config-dir, so no test touches the real one. */
    private String[] withConfigDir(String commandLine) {
        return (commandLine + " --config-dir " + configDir).split(" ");
    }

    /** The first word of each line in the help's {@code Commands:} section. */
    private static List<String> listedCommands(String help) {
        String commands = help.substring(help.indexOf("Commands:") + "Commands:".length());
        return commands.lines()
                .filter(line -> line.startsWith("  ") && !line.isBlank() && !line.startsWith("     "))
                .map(line -> line.trim().split("\\s+")[0])
                .toList();
    }
}
