package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave server}: the local list of known servers; never contacts them. */
@Command(
        name = "server",
        description = "Manage the local list of known servers (never contacts them).",
        subcommands = {
            ServerCommand.ListCommand.class,
            ServerCommand.RemoveCommand.class
        })
final class ServerCommand {
    @Command(name = "list", description = "List the servers this machine is registered on.")
    static final class ListCommand extends UnbuiltCommand {}

    @Command(name = "remove", description = "Forget a server and its permission overrides.")
    static final class RemoveCommand extends UnbuiltCommand {}
}
