package conclave.cli;

import conclave.protocol.AdminOp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code conclave ban}: a durable ban from a channel. */
@Command(name = "ban", description = "Ban a user from a channel and unsubscribe their sessions (channel admin).")
final class BanCommand extends ControlCommand {
    @Option(names = "--channel", required = true, paramLabel = "<CHANNEL>", description = "The channel.")
    String channel;

    @Parameters(paramLabel = "<USER>", description = "The username.")
    String user;

    @Override
    public Integer call() {
        return adminAck(new AdminOp.Ban(channel, user), user);
    }
}
