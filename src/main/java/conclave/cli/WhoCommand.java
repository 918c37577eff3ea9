package conclave.cli;

import conclave.protocol.Frame;
import conclave.protocol.SessionPath;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code conclave who}: presence. */
@Command(name = "who", description = "Show who is online on a server or in a channel.")
final class WhoCommand extends ControlCommand {
    @Parameters(arity = "0..1", paramLabel = "<CHANNEL>", description = "A channel (default: the whole server).")
    String channel;

    @Override
    public Integer call() {
        Frame.Presence presence = exchange(new Frame.Who(Optional.ofNullable(channel)), Frame.Presence.class);
        out().println(line(presence));
        return 0;
    }

    /** {@code [<channel or server>] <path>, <path>, …}. */
    static String line(Frame.Presence presence) {
        return "[" + presence.channel().orElse("server") + "] "
                + presence.sessions().stream().map(SessionPath::text).collect(Collectors.joining(", "));
    }
}
