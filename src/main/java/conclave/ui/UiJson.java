package conclave.ui;

import conclave.protocol.ChannelInfo;
import conclave.protocol.Frame;
import conclave.protocol.HistoryMessage;
import conclave.protocol.InviteInfo;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** How server frames look to the page: small JSON objects, bodies as plain strings for the page to render safely. */
final class UiJson {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private UiJson() {}

    /** Humans post through the CLI ({@code cli-<pid>}) or this console ({@code ui}); every other handle is an agent. */
    static boolean isHuman(SessionPath path) {
        return path.session().startsWith("cli-") || path.session().equals(UiConsole.HANDLE);
    }

    /** A message: who, when (server time for history, local arrival time for live), and the body. */
    static ObjectNode message(String channel, SessionPath from, long tsMs, Payload payload) {
        ObjectNode node = NODES.objectNode();
        node.put("channel", channel);
        node.put("from", from.text());
        node.put("human", isHuman(from));
        node.put("tsMs", tsMs);
        if (payload instanceof Payload.Plain plain) {
            node.put("body", plain.body());
        } else {
            node.put("encrypted", true);
        }
        return node;
    }

    /** The reply to a page request: {@code ok} with the reply's data, or {@code ok: false} with the server's refusal. */
    static ObjectNode reply(Frame frame) {
        ObjectNode node = NODES.objectNode();
        node.put("ok", !(frame instanceof Frame.Error));
        if (frame instanceof Frame.Error error) {
            node.put("error", error.error().display());
        } else if (frame instanceof Frame.Ack ack) {
            ack.detail().ifPresent(detail -> node.put("detail", detail));
        } else if (frame instanceof Frame.Joined joined) {
            node.put("channel", joined.channel());
        } else if (frame instanceof Frame.ChannelList list) {
            ArrayNode channels = node.putArray("channels");
            for (ChannelInfo info : list.channels()) {
                channels.addObject()
                        .put("name", info.name())
                        .put("visibility", info.visibility().word())
                        .put("member", info.member());
            }
        } else if (frame instanceof Frame.History history) {
            ArrayNode messages = node.putArray("messages");
            for (HistoryMessage row : history.messages()) {
                messages.add(message(history.channel(), row.from(), row.tsMs(), row.payload()));
            }
        } else if (frame instanceof Frame.Presence presence) {
            ArrayNode sessions = node.putArray("sessions");
            for (SessionPath path : presence.sessions()) {
                sessions.addObject().put("path", path.text()).put("human", isHuman(path));
            }
        } else if (frame instanceof Frame.UserList users) {
            ArrayNode names = node.putArray("users");
            users.users().forEach(names::add);
        } else if (frame instanceof Frame.InviteToken invite) {
            node.put("token", invite.token());
        } else if (frame instanceof Frame.InviteList invites) {
            ArrayNode rows = node.putArray("invites");
            for (InviteInfo info : invites.invites()) {
                ObjectNode row = rows.addObject().put("token", info.token());
                info.usesRemaining().ifPresent(uses -> row.put("usesRemaining", uses));
                info.expiresAt().ifPresent(at -> row.put("expiresAt", at));
            }
        } else {
            node.put("ok", false);
            node.put("error", "unexpected response: " + frame.kind().jsonName());
        }
        return node;
    }
}
