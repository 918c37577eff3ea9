package conclave.cli;

import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code conclave bans}: the banned users of a channel. */
@Command(name = "bans", description = "List the users banned from a channel (channel admin).")
final class BansCommand extends ControlCommand {
    @Mixin
    ChannelOption channel;

    @Override
    public Integer call() {
        exchange(new Frame.Admin(new AdminOp.BanList(channel.name)), Frame.UserList.class).users().forEach(out()::println);
        return 0;
    }
}
