package conclave.cli;

import conclave.protocol.AdminOp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code conclave kick}: unsubscribe a session or a user from a channel. */
@Command(name = "kick", description = "Unsubscribe a session, or all of a user's sessions, from a channel (channel admin).")
final class KickCommand extends ControlCommand {
    @Mixin
    ChannelOption channel;

    @Parameters(paramLabel = "<TARGET>", description = "A user/machine/session path, or a username.")
    String target;

    @Override
    public Integer call() {
        return adminAck(new AdminOp.Kick(channel.name, target), target);
    }
}
