package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave perm}: local autonomy levels, never sent to a server. */
@Command(
        name = "perm",
        description = "Set or show local autonomy levels (never sent to the server).",
        subcommands = {
            PermCommand.SetCommand.class,
            PermCommand.ShowCommand.class
        })
final class PermCommand {
    @Command(name = "set", description = "Set the default level, or an override for one channel or for whispers.")
    static final class SetCommand extends UnbuiltCommand {}

    @Command(name = "show", description = "Show the default level and every override.")
    static final class ShowCommand extends UnbuiltCommand {}
}
