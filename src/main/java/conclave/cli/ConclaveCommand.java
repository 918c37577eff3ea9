package conclave.cli;

import conclave.config.ConfigFile;
import conclave.config.XdgDirs;
import conclave.identity.KeyFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 *
 * <p>Building a picocli command costs reflection and class loading for it and everything it
 * holds, which dominates the start of a short verb. So {@link #commandLine(String[])} builds only
 * the verb being run when it can tell which one that is, and the whole tree when it cannot or when
 * the verb needs the tree (help, completions, the skill's command reference).
 */
@Command(
        name = "conclave",
        description = "Discord for coding agents: shared channels that let Claude Code sessions talk to each other over a central server.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT)
final class ConclaveCommand {
    /** The top-level verbs, in help order: the one place they are registered. */
    static final List<Class<?>> VERBS = List.of(
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
            VerdictCommand.Approve.class,
            VerdictCommand.Deny.class,
            UiCommand.class,
            WhoCommand.class,
            KickCommand.class,
            BanCommand.class,
            UnbanCommand.class,
            BansCommand.class,
            UserCommand.class,
            AdminCommand.class,
            SkillCommand.class,
            CompletionsCommand.class,
            HelpCommand.class);

    /** Verbs that read the whole command tree, so they never run with just themselves. */
    private static final Set<Class<?>> NEED_THE_TREE = Set.of(SkillCommand.class, CompletionsCommand.class, HelpCommand.class);

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
        return commandLine(VERBS);
    }

    /**
     * A command line that runs {@code args} exactly as {@link #commandLine()} would, holding only
     * the verb named in {@code args} when that is enough.
     */
    static CommandLine commandLine(String[] args) {
        return verbOf(args)
                .filter(verb -> !NEED_THE_TREE.contains(verb))
                .map(verb -> commandLine(List.<Class<?>>of(verb)))
                .orElseGet(ConclaveCommand::commandLine);
    }

    /**
     * The verb {@code args} runs: its first argument that is neither an option nor the value of
     * {@code --config-dir}, if that names a verb. Reading a verb's annotation loads its class
     * without initializing it.
     */
    static Optional<Class<?>> verbOf(String[] args) {
        return verbNameOf(args).flatMap(name ->
                VERBS.stream().filter(verb -> verb.getAnnotation(Command.class).name().equals(name)).findFirst());
    }

    /** The first argument of {@code args} that is neither an option nor the value of {@code --config-dir}. */
    static Optional<String> verbNameOf(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config-dir")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return Optional.of(args[i]);
            }
        }
        return Optional.empty();
    }

    private static CommandLine commandLine(List<Class<?>> verbs) {
        ConclaveCommand root = new ConclaveCommand();
        CommandLine commandLine = new CommandLine(root);
        for (Class<?> verb : verbs) {
            commandLine.addSubcommand(verb);
        }
        return commandLine
                .setExecutionStrategy(parseResult -> {
                    if (root.verbose) {
                        LogLevel.raiseToDebug();
                    }
                    return new CommandLine.RunLast().execute(parseResult);
                })
                .setExecutionExceptionHandler(new FailureReporter());
    }
}
