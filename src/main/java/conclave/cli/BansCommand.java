package conclave.cli;

import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code conclave bans}: the banned users of a channel. */
@Command(name = "bans", description = "List the users banned from a channel (channel admin).")
final class BansCommand extends ControlCommand {
    @Option(names = "--channel", required = true, paramLabel = "<CHANNEL>", description = "The channel.")
    String channel;

    @Override
    public Integer call() {
        exchange(new Frame.Admin(new AdminOp.BanList(channel)), Frame.UserList.class).users().forEach(out()::println);
        return 0;
    }
}
