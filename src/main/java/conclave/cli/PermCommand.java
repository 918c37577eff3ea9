package conclave.cli;

import conclave.config.ConclaveConfig;
import conclave.config.PermissionLevel;
import conclave.config.PermissionOverride;
import conclave.config.PermissionScope;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code conclave perm}: local autonomy levels in config.toml, never sent to a server. */
@Command(
        name = "perm",
        description = "Set or show local autonomy levels (never sent to the server).",
        subcommands = {
            PermCommand.SetCommand.class,
            PermCommand.ShowCommand.class,
            ApproverCommand.class
        })
final class PermCommand {
    static final String UPDATED = "✓ permission updated (applies to newly started bridges;"
            + " a live session changes levels with its `set_perm` tool)";

    /** {@code perm set}: the machine default, or one override; exactly one scope with {@code --server}. */
    @Command(
            name = "set",
            description = {
                "Set the default level, or an override for one channel or for whispers.",
                "Without --server it sets the machine default; with --server it needs --channel or --whisper."
            })
    static final class SetCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(
                paramLabel = "<LEVEL>",
                completionCandidates = LevelNames.class,
                description = "mute, notify, converse or act.")
        String level;

        @Option(names = "--server", paramLabel = "<URL>", description = "The server the override is for.")
        String server;

        @Option(names = "--channel", paramLabel = "<NAME>", description = "Override the level of this channel on --server.")
        String channel;

        @Option(names = "--whisper", description = "Override the level of whispers to this machine's sessions on --server.")
        boolean whisper;

        @Override
        public Integer call() {
            UnaryOperator<ConclaveConfig> change = change(PermissionLevel.parse(level));
            ConclaveCommand.of(spec).configFile().update(change);
            spec.commandLine().getOut().println(UPDATED);
            return 0;
        }

        /** The edit the flags ask for; the scope rules of reference cli.md §1.2 ({@code perm set}). */
        private UnaryOperator<ConclaveConfig> change(PermissionLevel newLevel) {
            if (channel != null && whisper) {
                throw new IllegalArgumentException("--channel and --whisper are mutually exclusive");
            }
            if (server == null) {
                if (channel != null || whisper) {
                    throw new IllegalArgumentException("--channel / --whisper require --server");
                }
                return config -> config.withDefaultPermission(newLevel);
            }
            if (channel == null && !whisper) {
                throw new IllegalArgumentException("--server needs an explicit scope: pass --channel <name> or --whisper");
            }
            PermissionScope scope = whisper ? PermissionScope.whisper() : PermissionScope.channel(channel);
            PermissionOverride override = new PermissionOverride(server, scope, newLevel);
            return config -> config.withOverride(override);
        }
    }

    /** {@code perm show}: the default, then each override in file order. */
    @Command(name = "show", description = "Show the default level and every override.")
    static final class ShowCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ConclaveConfig config = ConclaveCommand.of(spec).configFile().load();
            PermissionTable.lines(config).forEach(spec.commandLine().getOut()::println);
            return 0;
        }
    }

    /** The level names, for help and shell completion. */
    static final class LevelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of(PermissionLevel.values()).stream().map(PermissionLevel::text).iterator();
        }
    }
}
