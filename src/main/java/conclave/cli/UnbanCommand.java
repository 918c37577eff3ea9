package conclave.cli;

import conclave.protocol.AdminOp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code conclave unban}: lift a ban. */
@Command(name = "unban", description = "Lift a user's ban on a channel without granting membership (channel admin).")
final class UnbanCommand extends ControlCommand {
    @Option(names = "--channel", required = true, paramLabel = "<CHANNEL>", description = "The channel.")
    String channel;

    @Parameters(paramLabel = "<USER>", description = "The username.")
    String user;

    @Override
    public Integer call() {
        return adminAck(new AdminOp.Unban(channel, user), user);
    }
}
