package conclave.cli;

import conclave.config.ConfigFile;
import conclave.config.XdgDirs;
import conclave.identity.KeyFile;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root {@code conclave} command: global options and the one list of top-level verbs.
 *
 * <p>Global options and {@code --help}/{@code --version} are inherited, so they may come before or
 * after the verb; picocli writes an inherited option's value back into this object either way.
 */
@Command(
        name = "conclave",
        description = "Discord for coding agents: shared channels that let Claude Code sessions talk to each other over a central server.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT,
        subcommands = {
            ServeCommand.class,
            BridgeCommand.class,
            KeyCommand.class,
            RegisterCommand.class,
            MachineCommand.class,
            ServerCommand.class,
            JoinCommand.class,
            PermCommand.class,
            ChannelCommand.class,
            AclCommand.class,
            InviteCommand.class,
            StatusCommand.class,
            SendCommand.class,
            TailCommand.class,
            WhoCommand.class,
            KickCommand.class,
            BanCommand.class,
            UnbanCommand.class,
            BansCommand.class,
            UserCommand.class,
            AdminCommand.class,
            SkillCommand.class,
            CompletionsCommand.class,
            HelpCommand.class
        })
final class ConclaveCommand {
    @Option(
            names = "--config-dir",
            paramLabel = "<DIR>",
            scope = ScopeType.INHERIT,
            description = "Directory of the keystore and config.toml (default: $XDG_CONFIG_HOME/conclave or ~/.config/conclave).")
    Path configDir;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Log at debug level instead of info.")
    boolean verbose;

    /** The root command of the command line that {@code spec} belongs to. */
    static ConclaveCommand of(CommandSpec spec) {
        return (ConclaveCommand) spec.root().userObject();
    }

    /** The keystore and config directory: {@code --config-dir}, or the XDG default. */
    Path configDir() {
        return configDir != null ? configDir : XdgDirs.current().configDir();
    }

    /** This machine's key file, {@code <config-dir>/key}. */
    KeyFile keyFile() {
        return new KeyFile(configDir().resolve("key"));
    }

    /** {@code <config-dir>/config.toml}. */
    ConfigFile configFile() {
        return ConfigFile.in(configDir());
    }

    /** A command line for the whole program, with conclave's error rendering and exit codes. */
    static CommandLine commandLine() {
        ConclaveCommand root = new ConclaveCommand();
        return new CommandLine(root)
                .setExecutionStrategy(parseResult -> {
                    if (root.verbose) {
                        LogLevel.raiseToDebug();
                    }
                    return new CommandLine.RunLast().execute(parseResult);
                })
                .setExecutionExceptionHandler(new FailureReporter());
    }
}
