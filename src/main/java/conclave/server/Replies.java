package conclave.server;

import conclave.protocol.Frame;
import conclave.protocol.ProtocolError;
import java.util.Optional;

/** The server's reply frames whose wording is part of the protocol, in one place. */
final class Replies {
    private Replies() {}

    static Frame ack(String detail) {
        return new Frame.Ack(Optional.of(detail));
    }

    static Frame ack() {
        return new Frame.Ack(Optional.empty());
    }

    static Frame malformed(String message) {
        return new Frame.Error(new ProtocolError.MalformedFrame(message));
    }

    static Frame unauthorized(String message) {
        return new Frame.Error(new ProtocolError.Unauthorized(message));
    }

    static Frame notFound(String message) {
        return new Frame.Error(new ProtocolError.NotFound(message));
    }

    static Frame internal(String message) {
        return new Frame.Error(new ProtocolError.Internal(message));
    }

    /** The one answer for a channel that is absent or hidden from the caller. */
    static Frame channelNotFound(String channel) {
        return notFound("channel `" + channel + "` not found");
    }

    static Frame notMember(String channel) {
        return unauthorized("not a member of channel `" + channel + "`");
    }

    static Frame channelPrivate(String channel) {
        return unauthorized("channel `" + channel + "` is private");
    }

    static Frame adminRequired() {
        return unauthorized("not authorized: admin role required");
    }

    static Frame nameNotAvailable(String channel) {
        return unauthorized("channel name `" + channel + "` is not available");
    }
}
