package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave acl}: channel membership. */
@Command(
        name = "acl",
        description = "Manage a channel's members (channel admin).",
        subcommands = {
            AclCommand.AddCommand.class,
            AclCommand.RemoveCommand.class,
            AclCommand.ListCommand.class
        })
final class AclCommand {
    @Command(name = "add", description = "Add a member (also lifts their ban).")
    static final class AddCommand extends UnbuiltCommand {}

    @Command(name = "remove", description = "Remove a member and unsubscribe their sessions.")
    static final class RemoveCommand extends UnbuiltCommand {}

    @Command(name = "list", description = "List the members.")
    static final class ListCommand extends UnbuiltCommand {}
}
