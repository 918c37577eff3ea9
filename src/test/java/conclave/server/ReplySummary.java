package conclave.server;

import conclave.protocol.ChannelInfo;
import conclave.protocol.Frame;
import conclave.protocol.MachineInfo;
import conclave.protocol.SessionPath;
import java.util.stream.Collectors;

/**
 * One line per reply frame, for tables of expected answers: the error text as clients print it,
 * or the reply's kind with the parts that differ by role (names, counts), never random tokens.
 */
final class ReplySummary {
    private ReplySummary() {}

    static String of(Frame reply) {
        if (reply instanceof Frame.Error error) {
            return error.error().display();
        }
        if (reply instanceof Frame.Ack ack) {
            return ack.detail().map(detail -> "ack " + detail).orElse("ack");
        }
        if (reply instanceof Frame.Joined joined) {
            return "joined " + joined.channel();
        }
        if (reply instanceof Frame.Presence presence) {
            return "presence " + presence.sessions().stream().map(SessionPath::user).sorted()
                    .collect(Collectors.joining(",", "[", "]"));
        }
        if (reply instanceof Frame.ChannelList list) {
            return "channels " + list.channels().stream().map(ChannelInfo::name).sorted()
                    .collect(Collectors.joining(",", "[", "]"));
        }
        if (reply instanceof Frame.MachineList list) {
            return "machines " + list.machines().stream().map(MachineInfo::name).sorted()
                    .collect(Collectors.joining(",", "[", "]"));
        }
        if (reply instanceof Frame.UserList list) {
            return "users " + list.users().stream().sorted().collect(Collectors.joining(",", "[", "]"));
        }
        if (reply instanceof Frame.InviteList list) {
            return "invites " + list.invites().size();
        }
        if (reply instanceof Frame.InviteToken) {
            return "invite token";
        }
        if (reply instanceof Frame.History history) {
            return "history " + history.messages().size();
        }
        return reply.kind().jsonName();
    }
}
