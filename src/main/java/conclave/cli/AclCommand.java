package conclave.cli;

import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
    static final class AddCommand extends ControlCommand {
        @Option(names = "--channel", required = true, paramLabel = "<CHANNEL>", description = "The channel.")
        String channel;

        @Parameters(paramLabel = "<USER>", description = "The username.")
        String user;

        @Override
        public Integer call() {
            return adminAck(new AdminOp.AclAdd(channel, user), user);
        }
    }

    @Command(name = "remove", description = "Remove a member and unsubscribe their sessions.")
    static final class RemoveCommand extends ControlCommand {
        @Option(names = "--channel", required = true, paramLabel = "<CHANNEL>", description = "The channel.")
        String channel;

        @Parameters(paramLabel = "<USER>", description = "The username.")
        String user;

        @Override
        public Integer call() {
            return adminAck(new AdminOp.AclRemove(channel, user), user);
        }
    }

    @Command(name = "list", description = "List the members.")
    static final class ListCommand extends ControlCommand {
        @Option(names = "--channel", required = true, paramLabel = "<CHANNEL>", description = "The channel.")
        String channel;

        @Override
        public Integer call() {
            Frame.UserList members = exchange(new Frame.Admin(new AdminOp.AclList(channel)), Frame.UserList.class);
            members.users().forEach(out()::println);
            return 0;
        }
    }
}
