package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave user}: server-wide user administration. */
@Command(
        name = "user",
        description = "Manage the users of a server (server admin).",
        subcommands = {
            UserCommand.ListCommand.class,
            UserCommand.RemoveCommand.class
        })
final class UserCommand {
    @Command(name = "list", description = "List every registered username.")
    static final class ListCommand extends UnbuiltCommand {}

    @Command(name = "remove", description = "Remove a user with their channels and machines, and drop their sessions.")
    static final class RemoveCommand extends UnbuiltCommand {}
}
