package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave machine}: the keys enrolled under your own user. */
@Command(
        name = "machine",
        description = "Manage the machines (keys) enrolled under your own user.",
        subcommands = {
            MachineCommand.AddCommand.class,
            MachineCommand.ListCommand.class,
            MachineCommand.RemoveCommand.class
        })
final class MachineCommand {
    @Command(name = "add", description = "Enroll another machine's public key (as printed by `conclave key` there) under your user.")
    static final class AddCommand extends UnbuiltCommand {}

    @Command(name = "list", description = "List your own machines.")
    static final class ListCommand extends UnbuiltCommand {}

    @Command(name = "remove", description = "Revoke one of your machines and drop its live sessions.")
    static final class RemoveCommand extends UnbuiltCommand {}
}
