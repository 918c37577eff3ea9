package conclave.cli;

import conclave.client.ControlSession;
import conclave.client.ErrorReplyException;
import conclave.client.UnexpectedReplyException;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code conclave send}: post one message as a human, from {@code <user>/<machine>/cli-<pid>}. */
@Command(name = "send", description = "Post one message to a channel.")
final class SendCommand extends ControlCommand {
    @Mixin
    ChannelOption channel;

    @Parameters(paramLabel = "<TEXT>", description = "The message.")
    String text;

    @Override
    public Integer call() {
        try (ControlSession session = ControlSession.login(ServerAccess.control(spec, server))) {
            step("join rejected", () -> session.request(new Frame.Join(channel.name, Optional.empty()), Frame.Joined.class));
            Frame message = new Frame.ChannelMsg(channel.name, SessionPath.UNSTAMPED, new Payload.Plain(text));
            step("send rejected", () -> session.request(message, Frame.Ack.class));
        }
        out().println("✓ sent to " + channel.name);
        return 0;
    }

    /** Runs one request, naming the step when the server refuses it. */
    private static void step(String refused, Runnable request) {
        try {
            request.run();
        } catch (ErrorReplyException | UnexpectedReplyException e) {
            throw new IllegalStateException(refused + ": " + e.getMessage(), e);
        }
    }
}
