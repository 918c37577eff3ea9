package conclave.protocol;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the JSON tree of a frame (PROTOCOL.md §4): {@code type} first, then the fields in wire
 * order under their snake_case names. Absent optional fields are written as {@code null}; the
 * one field left out instead is an {@link SessionPath#UNSTAMPED unstamped} {@code from}, which
 * is how a client omits it. Stateless.
 */
final class JsonFrameEncoder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonFrameEncoder() {}

    static ObjectNode frame(Frame frame) {
        FrameKind kind = frame.kind();
        ObjectNode out = NODES.objectNode().put("type", kind.jsonName());
        return switch (kind) {
            case HELLO -> {
                var hello = (Frame.Hello) frame;
                yield out.put("protocol_version", hello.protocolVersion())
                        .put("session", hello.session());
            }
            case CHALLENGE -> out.put("nonce", ((Frame.Challenge) frame).nonce().toBase64Url());
            case AUTH -> {
                var auth = (Frame.Auth) frame;
                yield out.put("pubkey", auth.pubkey().toBase64Url())
                        .put("signature", auth.signature().toBase64Url());
            }
            case ESTABLISHED -> out.put("path", ((Frame.Established) frame).path().text());
            case REGISTER -> {
                var register = (Frame.Register) frame;
                yield out.put("username", register.username())
                        .put("machine", register.machine())
                        .put("pubkey", register.pubkey().toBase64Url());
            }
            case JOIN -> {
                var join = (Frame.Join) frame;
                yield out.put("channel", join.channel()).put("token", join.token().orElse(null));
            }
            case LEAVE -> out.put("channel", ((Frame.Leave) frame).channel());
            case WHO -> out.put("channel", ((Frame.Who) frame).channel().orElse(null));
            case ADMIN -> adminOp(out, ((Frame.Admin) frame).op());
            case CHANNEL_MSG -> {
                var message = (Frame.ChannelMsg) frame;
                out.put("channel", message.channel());
                yield from(out, message.from()).set("payload", payload(message.payload()));
            }
            case WHISPER -> {
                var whisper = (Frame.Whisper) frame;
                yield from(out, whisper.from())
                        .put("target", whisper.target().address())
                        .set("payload", payload(whisper.payload()));
            }
            case PRESENCE -> {
                var presence = (Frame.Presence) frame;
                yield out.put("channel", presence.channel().orElse(null))
                        .set("sessions", array(presence.sessions(), JsonFrameEncoder::path));
            }
            case ERROR -> error(out, ((Frame.Error) frame).error());
            case CHANNEL_LIST -> out.set("channels",
                    array(((Frame.ChannelList) frame).channels(), JsonFrameEncoder::channelInfo));
            case JOINED -> out.put("channel", ((Frame.Joined) frame).channel());
            case ACK -> out.put("detail", ((Frame.Ack) frame).detail().orElse(null));
            case INVITE_TOKEN -> out.put("token", ((Frame.InviteToken) frame).token());
            case SERVER_INFO -> out.put("admin", ((Frame.ServerInfo) frame).admin());
            case MACHINE_LIST -> out.set("machines",
                    array(((Frame.MachineList) frame).machines(), JsonFrameEncoder::machineInfo));
            case USER_LIST -> out.set("users",
                    array(((Frame.UserList) frame).users(), NODES::stringNode));
            case INVITE_LIST -> out.set("invites",
                    array(((Frame.InviteList) frame).invites(), JsonFrameEncoder::inviteInfo));
            case READ_SINCE -> {
                var read = (Frame.ReadSince) frame;
                yield out.put("channel", read.channel()).put("since_ms", read.sinceMs());
            }
            case HISTORY -> {
                var history = (Frame.History) frame;
                yield out.put("channel", history.channel()).set("messages",
                        array(history.messages(), JsonFrameEncoder::historyMessage));
            }
            case CAPABILITIES -> out.set("features",
                    array(((Frame.Capabilities) frame).features(), NODES::stringNode));
            case RECEIPT -> {
                var receipt = (Frame.Receipt) frame;
                yield out.<ObjectNode>set("message_id", u64(receipt.messageId()))
                        .put("state", receipt.state().word());
            }
            case MARK_READ -> out.set("message_id", u64(((Frame.MarkRead) frame).messageId()));
            case INBOX_WHISPER -> {
                var whisper = (Frame.InboxWhisper) frame;
                yield out.<ObjectNode>set("message_id", u64(whisper.messageId()))
                        .put("from", whisper.from().text())
                        .put("target", whisper.target().address())
                        .put("ts_ms", whisper.tsMs())
                        .set("payload", payload(whisper.payload()));
            }
            case LIST_CHANNELS, PING, PONG, LIST_MACHINES, LIST_USERS -> out;
        };
    }

    private static ObjectNode adminOp(ObjectNode out, AdminOp op) {
        AdminOpKind kind = op.kind();
        out.put("op", kind.jsonName());
        return switch (kind) {
            case CREATE_CHANNEL -> {
                var create = (AdminOp.CreateChannel) op;
                yield out.put("name", create.name())
                        .put("visibility", create.visibility().word());
            }
            case DELETE_CHANNEL -> out.put("name", ((AdminOp.DeleteChannel) op).name());
            case RENAME_CHANNEL -> {
                var rename = (AdminOp.RenameChannel) op;
                yield out.put("name", rename.name()).put("new_name", rename.newName());
            }
            case SET_VISIBILITY -> {
                var set = (AdminOp.SetVisibility) op;
                yield out.put("name", set.name()).put("visibility", set.visibility().word());
            }
            case ACL_ADD -> {
                var add = (AdminOp.AclAdd) op;
                yield out.put("channel", add.channel()).put("user", add.user());
            }
            case ACL_REMOVE -> {
                var remove = (AdminOp.AclRemove) op;
                yield out.put("channel", remove.channel()).put("user", remove.user());
            }
            case INVITE_CREATE -> {
                var create = (AdminOp.InviteCreate) op;
                yield out.put("channel", create.channel())
                        .put("uses", create.uses().orElse(null))
                        .set("expires_in_secs", optionalU64(create.expiresInSecs()));
            }
            case INVITE_REVOKE -> out.put("token", ((AdminOp.InviteRevoke) op).token());
            case KICK -> {
                var kick = (AdminOp.Kick) op;
                yield out.put("channel", kick.channel()).put("target", kick.target());
            }
            case BAN -> {
                var ban = (AdminOp.Ban) op;
                yield out.put("channel", ban.channel()).put("user", ban.user());
            }
            case USER_REMOVE -> out.put("username", ((AdminOp.UserRemove) op).username());
            case MACHINE_REMOVE -> out.put("name", ((AdminOp.MachineRemove) op).name());
            case MACHINE_ADD -> {
                var add = (AdminOp.MachineAdd) op;
                yield out.put("name", add.name()).put("pubkey", add.pubkey().toBase64Url());
            }
            case ACL_LIST -> out.put("channel", ((AdminOp.AclList) op).channel());
            case UNBAN -> {
                var unban = (AdminOp.Unban) op;
                yield out.put("channel", unban.channel()).put("user", unban.user());
            }
            case BAN_LIST -> out.put("channel", ((AdminOp.BanList) op).channel());
            case INVITE_LIST -> out.put("channel", ((AdminOp.InviteList) op).channel());
        };
    }

    private static ObjectNode error(ObjectNode out, ProtocolError error) {
        ProtocolErrorKind kind = error.kind();
        out.put("kind", kind.jsonName());
        return switch (kind) {
            case VERSION_MISMATCH -> {
                var mismatch = (ProtocolError.VersionMismatch) error;
                yield out.put("ours", mismatch.ours()).put("theirs", mismatch.theirs());
            }
            case MALFORMED_FRAME ->
                    out.put("message", ((ProtocolError.MalformedFrame) error).message());
            case UNAUTHORIZED -> out.put("message", ((ProtocolError.Unauthorized) error).message());
            case NOT_FOUND -> out.put("message", ((ProtocolError.NotFound) error).message());
            case INTERNAL -> out.put("message", ((ProtocolError.Internal) error).message());
        };
    }

    private static ObjectNode payload(Payload payload) {
        PayloadKind kind = payload.kind();
        ObjectNode out = NODES.objectNode();
        return switch (kind) {
            case PLAIN -> out.put(kind.jsonName(), ((Payload.Plain) payload).body());
            case ENCRYPTED -> {
                var encrypted = (Payload.Encrypted) payload;
                yield out.set(kind.jsonName(), NODES.objectNode()
                        .put("ciphertext", encrypted.ciphertext().toBase64Url())
                        .put("key_id", encrypted.keyId().orElse(null)));
            }
        };
    }

    private static JsonNode path(SessionPath path) {
        return NODES.stringNode(path.text());
    }

    private static ObjectNode from(ObjectNode out, SessionPath from) {
        return from.isUnstamped() ? out : out.put("from", from.text());
    }

    private static JsonNode channelInfo(ChannelInfo channel) {
        return NODES.objectNode()
                .put("name", channel.name())
                .put("visibility", channel.visibility().word())
                .put("member", channel.member());
    }

    private static JsonNode machineInfo(MachineInfo machine) {
        return NODES.objectNode()
                .put("name", machine.name())
                .put("pubkey", machine.pubkey())
                .put("added_at", machine.addedAt());
    }

    private static JsonNode inviteInfo(InviteInfo invite) {
        return NODES.objectNode()
                .put("token", invite.token())
                .put("uses_remaining", invite.usesRemaining().orElse(null))
                .put("expires_at", invite.expiresAt().orElse(null));
    }

    private static JsonNode historyMessage(HistoryMessage message) {
        return NODES.objectNode()
                .put("from", message.from().text())
                .put("ts_ms", message.tsMs())
                .set("payload", payload(message.payload()));
    }

    /** A u64 held as raw bits, written as the unsigned number it is. */
    private static JsonNode optionalU64(Optional<Long> raw) {
        return raw.map(JsonFrameEncoder::u64).orElse(NODES.nullNode());
    }

    private static JsonNode u64(long bits) {
        return bits >= 0 ? NODES.numberNode(bits) : NODES.numberNode(new BigInteger(Long.toUnsignedString(bits)));
    }

    private static <T> ArrayNode array(List<T> items, Function<T, JsonNode> element) {
        ArrayNode array = NODES.arrayNode(items.size());
        for (T item : items) {
            array.add(element.apply(item));
        }
        return array;
    }
}
