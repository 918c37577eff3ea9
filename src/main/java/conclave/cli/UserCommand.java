package conclave.cli;

import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code conclave user}: server-admin user management. */
@Command(
        name = "user",
        description = "Manage the users of a server (server admin).",
        subcommands = {
            UserCommand.ListCommand.class,
            UserCommand.RemoveCommand.class
        })
final class UserCommand {
    @Command(name = "list", description = "List every registered username.")
    static final class ListCommand extends ControlCommand {
        @Override
        public Integer call() {
            exchange(new Frame.ListUsers(), Frame.UserList.class).users().forEach(out()::println);
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a user with their channels and machines, and drop their sessions.")
    static final class RemoveCommand extends ControlCommand {
        @Parameters(paramLabel = "<USERNAME>", description = "The username.")
        String username;

        @Override
        public Integer call() {
            return adminAck(new AdminOp.UserRemove(username), username);
        }
    }
}
