package conclave.cli;

import conclave.protocol.AdminOp;
import picocli.CommandLine.Command;

/** {@code conclave ban}: a durable ban from a channel. */
@Command(name = "ban", description = "Ban a user from a channel and unsubscribe their sessions (channel admin).")
final class BanCommand extends ChannelUserCommand {
    @Override
    AdminOp op(String channel, String user) {
        return new AdminOp.Ban(channel, user);
    }
}
