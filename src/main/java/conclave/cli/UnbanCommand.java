package conclave.cli;

import conclave.protocol.AdminOp;
import picocli.CommandLine.Command;

/** {@code conclave unban}: lift a ban. */
@Command(name = "unban", description = "Lift a user's ban on a channel without granting membership (channel admin).")
final class UnbanCommand extends ChannelUserCommand {
    @Override
    AdminOp op(String channel, String user) {
        return new AdminOp.Unban(channel, user);
    }
}
