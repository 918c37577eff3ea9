package conclave.cli;

import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
    static final class AddCommand extends ChannelUserCommand {
        @Override
        AdminOp op(String channel, String user) {
            return new AdminOp.AclAdd(channel, user);
        }
    }

    @Command(name = "remove", description = "Remove a member and unsubscribe their sessions.")
    static final class RemoveCommand extends ChannelUserCommand {
        @Override
        AdminOp op(String channel, String user) {
            return new AdminOp.AclRemove(channel, user);
        }
    }

    @Command(name = "list", description = "List the members.")
    static final class ListCommand extends ControlCommand {
        @Mixin
        ChannelOption channel;

        @Override
        public Integer call() {
            Frame.UserList members = exchange(new Frame.Admin(new AdminOp.AclList(channel.name)), Frame.UserList.class);
            members.users().forEach(out()::println);
            return 0;
        }
    }
}
