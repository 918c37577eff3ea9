package conclave.protocol;

import tools.jackson.databind.JsonNode;

/**
 * Reads a frame from its JSON object (PROTOCOL.md §4). Unknown fields are ignored; an optional
 * field may be absent or {@code null}; the {@code from} of {@code channel_msg} and
 * {@code whisper} may be omitted and then reads as {@link SessionPath#UNSTAMPED}. Stateless.
 */
final class JsonFrameDecoder {
    private JsonFrameDecoder() {}

    static Frame frame(JsonFields in) throws DecodeException {
        String type = in.string("type");
        FrameKind kind = FrameKind.fromJsonName(type)
                .orElseThrow(() -> new DecodeException("unknown type `" + Excerpt.of(type) + "`"));
        return switch (kind) {
            case HELLO -> new Frame.Hello(
                    in.required("protocol_version", JsonFields::u32), in.string("session"));
            case CHALLENGE -> new Frame.Challenge(in.required("nonce", JsonFields::bytes));
            case AUTH -> new Frame.Auth(
                    in.required("pubkey", JsonFields::bytes),
                    in.required("signature", JsonFields::bytes));
            case ESTABLISHED -> new Frame.Established(in.required("path", JsonFields::path));
            case REGISTER -> new Frame.Register(in.string("username"), in.string("machine"),
                    in.required("pubkey", JsonFields::bytes));
            case JOIN -> new Frame.Join(in.string("channel"), in.optionalString("token"));
            case LEAVE -> new Frame.Leave(in.string("channel"));
            case WHO -> new Frame.Who(in.optionalString("channel"));
            case ADMIN -> new Frame.Admin(adminOp(in));
            case CHANNEL_MSG -> new Frame.ChannelMsg(in.string("channel"), from(in),
                    in.required("payload", JsonFrameDecoder::payload));
            case WHISPER -> new Frame.Whisper(from(in), in.required("target", JsonFields::whisperTarget),
                    in.required("payload", JsonFrameDecoder::payload));
            case PRESENCE -> new Frame.Presence(
                    in.optionalString("channel"), in.list("sessions", JsonFields::path));
            case ERROR -> new Frame.Error(error(in));
            case LIST_CHANNELS -> new Frame.ListChannels();
            case CHANNEL_LIST -> new Frame.ChannelList(
                    in.list("channels", JsonFrameDecoder::channelInfo));
            case JOINED -> new Frame.Joined(in.string("channel"));
            case ACK -> new Frame.Ack(in.optionalString("detail"));
            case INVITE_TOKEN -> new Frame.InviteToken(in.string("token"));
            case PING -> new Frame.Ping();
            case PONG -> new Frame.Pong();
            case SERVER_INFO -> new Frame.ServerInfo(in.required("admin", JsonFields::bool));
            case LIST_MACHINES -> new Frame.ListMachines();
            case MACHINE_LIST -> new Frame.MachineList(
                    in.list("machines", JsonFrameDecoder::machineInfo));
            case LIST_USERS -> new Frame.ListUsers();
            case USER_LIST -> new Frame.UserList(in.list("users", JsonFields::string));
            case INVITE_LIST -> new Frame.InviteList(
                    in.list("invites", JsonFrameDecoder::inviteInfo));
            case READ_SINCE -> new Frame.ReadSince(
                    in.string("channel"), in.required("since_ms", JsonFields::i64));
            case HISTORY -> new Frame.History(
                    in.string("channel"), in.list("messages", JsonFrameDecoder::historyMessage));
            case CAPABILITIES -> new Frame.Capabilities(in.list("features", JsonFields::string));
            case RECEIPT -> new Frame.Receipt(in.required("message_id", JsonFields::u64),
                    in.required("state", JsonFields::receiptState));
            case MARK_READ -> new Frame.MarkRead(in.required("message_id", JsonFields::u64));
            case INBOX_WHISPER -> new Frame.InboxWhisper(in.required("message_id", JsonFields::u64),
                    in.required("from", JsonFields::path), in.required("target", JsonFields::whisperTarget),
                    in.required("ts_ms", JsonFields::i64), in.required("payload", JsonFrameDecoder::payload));
        };
    }

    private static AdminOp adminOp(JsonFields in) throws DecodeException {
        String name = in.string("op");
        AdminOpKind kind = AdminOpKind.fromJsonName(name)
                .orElseThrow(() -> new DecodeException("unknown op `" + Excerpt.of(name) + "`"));
        return switch (kind) {
            case CREATE_CHANNEL -> new AdminOp.CreateChannel(
                    in.string("name"), in.required("visibility", JsonFields::visibility));
            case DELETE_CHANNEL -> new AdminOp.DeleteChannel(in.string("name"));
            case RENAME_CHANNEL -> new AdminOp.RenameChannel(
                    in.string("name"), in.string("new_name"));
            case SET_VISIBILITY -> new AdminOp.SetVisibility(
                    in.string("name"), in.required("visibility", JsonFields::visibility));
            case ACL_ADD -> new AdminOp.AclAdd(in.string("channel"), in.string("user"));
            case ACL_REMOVE -> new AdminOp.AclRemove(in.string("channel"), in.string("user"));
            case INVITE_CREATE -> new AdminOp.InviteCreate(in.string("channel"),
                    in.optional("uses", JsonFields::u32),
                    in.optional("expires_in_secs", JsonFields::u64));
            case INVITE_REVOKE -> new AdminOp.InviteRevoke(in.string("token"));
            case KICK -> new AdminOp.Kick(in.string("channel"), in.string("target"));
            case BAN -> new AdminOp.Ban(in.string("channel"), in.string("user"));
            case USER_REMOVE -> new AdminOp.UserRemove(in.string("username"));
            case MACHINE_REMOVE -> new AdminOp.MachineRemove(in.string("name"));
            case MACHINE_ADD -> new AdminOp.MachineAdd(
                    in.string("name"), in.required("pubkey", JsonFields::bytes));
            case ACL_LIST -> new AdminOp.AclList(in.string("channel"));
            case UNBAN -> new AdminOp.Unban(in.string("channel"), in.string("user"));
            case BAN_LIST -> new AdminOp.BanList(in.string("channel"));
            case INVITE_LIST -> new AdminOp.InviteList(in.string("channel"));
        };
    }

    private static ProtocolError error(JsonFields in) throws DecodeException {
        String name = in.string("kind");
        ProtocolErrorKind kind = ProtocolErrorKind.fromJsonName(name)
                .orElseThrow(() -> new DecodeException("unknown kind `" + Excerpt.of(name) + "`"));
        return switch (kind) {
            case VERSION_MISMATCH -> new ProtocolError.VersionMismatch(
                    in.required("ours", JsonFields::u32), in.required("theirs", JsonFields::u32));
            case MALFORMED_FRAME -> new ProtocolError.MalformedFrame(in.string("message"));
            case UNAUTHORIZED -> new ProtocolError.Unauthorized(in.string("message"));
            case NOT_FOUND -> new ProtocolError.NotFound(in.string("message"));
            case INTERNAL -> new ProtocolError.Internal(in.string("message"));
        };
    }

    /** {@code {"plain": "…"}} or {@code {"encrypted": {"ciphertext": "…", "key_id": …}}}. */
    private static Payload payload(JsonNode node, String where) throws DecodeException {
        JsonFields payload = JsonFields.object(node, where);
        boolean plain = payload.has(PayloadKind.PLAIN.jsonName());
        if (plain == payload.has(PayloadKind.ENCRYPTED.jsonName())) {
            throw JsonFields.mustBe(where, "an object with exactly one of `plain` and `encrypted`");
        }
        if (plain) {
            return new Payload.Plain(payload.string(PayloadKind.PLAIN.jsonName()));
        }
        JsonFields envelope =
                payload.required(PayloadKind.ENCRYPTED.jsonName(), JsonFields::object);
        return new Payload.Encrypted(envelope.required("ciphertext", JsonFields::bytes),
                envelope.optionalString("key_id"));
    }

    /** A client may omit {@code from}: the server ignores it and stamps the sender's path. */
    private static SessionPath from(JsonFields in) throws DecodeException {
        return in.optional("from", JsonFields::path).orElse(SessionPath.UNSTAMPED);
    }

    private static ChannelInfo channelInfo(JsonNode node, String where) throws DecodeException {
        JsonFields channel = JsonFields.object(node, where);
        return new ChannelInfo(channel.string("name"),
                channel.required("visibility", JsonFields::visibility),
                channel.required("member", JsonFields::bool));
    }

    private static MachineInfo machineInfo(JsonNode node, String where) throws DecodeException {
        JsonFields machine = JsonFields.object(node, where);
        return new MachineInfo(
                machine.string("name"), machine.string("pubkey"), machine.string("added_at"));
    }

    private static InviteInfo inviteInfo(JsonNode node, String where) throws DecodeException {
        JsonFields invite = JsonFields.object(node, where);
        return new InviteInfo(invite.string("token"),
                invite.optional("uses_remaining", JsonFields::i64),
                invite.optionalString("expires_at"));
    }

    private static HistoryMessage historyMessage(JsonNode node, String where)
            throws DecodeException {
        JsonFields message = JsonFields.object(node, where);
        return new HistoryMessage(message.required("from", JsonFields::path),
                message.required("ts_ms", JsonFields::i64),
                message.required("payload", JsonFrameDecoder::payload));
    }
}
