package conclave.server;

import conclave.protocol.Frame;
import java.util.Optional;

/** What a request is called in a trace, and the channel it names: names only, never contents. Stateless. */
final class TracedNames {
    private TracedNames() {}

    /** The request's kind, e.g. {@code join}; an admin op by its name, e.g. {@code admin create_channel}. */
    static String kind(Frame request) {
        if (request instanceof Frame.Admin admin) {
            return request.kind().jsonName() + " " + admin.op().kind().jsonName();
        }
        return request.kind().jsonName();
    }

    /** The channel the request names, if it names one. */
    static Optional<String> channel(Frame request) {
        if (request instanceof Frame.Join join) {
            return Optional.of(join.channel());
        } else if (request instanceof Frame.Leave leave) {
            return Optional.of(leave.channel());
        } else if (request instanceof Frame.ChannelMsg message) {
            return Optional.of(message.channel());
        } else if (request instanceof Frame.ReadSince read) {
            return Optional.of(read.channel());
        } else if (request instanceof Frame.Who who) {
            return who.channel();
        } else if (request instanceof Frame.Admin admin) {
            return AdminOps.channelNamed(admin.op());
        }
        return Optional.empty();
    }
}
