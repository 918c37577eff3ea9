package conclave.protocol;

import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Reads frames and their parts in the Rust original's field order. Field names in error
 * messages are the wire's snake_case names. Stateless.
 */
final class BincodeFrameDecoder {
    private static final int FRAME_KINDS = FrameKind.values().length;
    private static final int ADMIN_OP_KINDS = AdminOpKind.values().length;
    private static final int ERROR_KINDS = ProtocolErrorKind.values().length;
    private static final int PAYLOAD_KINDS = PayloadKind.values().length;
    private static final Visibility[] VISIBILITIES = Visibility.values();
    private static final ReceiptState[] RECEIPT_STATES = ReceiptState.values();

    private BincodeFrameDecoder() {}

    static Frame frame(BincodeReader in) throws DecodeException {
        FrameKind kind = variant(in, "frame", FRAME_KINDS, FrameKind::fromIndex);
        return switch (kind) {
            case HELLO -> new Frame.Hello(in.u32("protocol_version"), in.string("session"));
            case CHALLENGE -> new Frame.Challenge(in.bytes("nonce"));
            case AUTH -> new Frame.Auth(in.bytes("pubkey"), in.bytes("signature"));
            case ESTABLISHED -> new Frame.Established(path(in));
            case REGISTER -> new Frame.Register(
                    in.string("username"), in.string("machine"), in.bytes("pubkey"));
            case JOIN -> new Frame.Join(in.string("channel"), in.optionalString("token"));
            case LEAVE -> new Frame.Leave(in.string("channel"));
            case WHO -> new Frame.Who(in.optionalString("channel"));
            case ADMIN -> new Frame.Admin(adminOp(in));
            case CHANNEL_MSG -> new Frame.ChannelMsg(in.string("channel"), path(in), payload(in));
            case WHISPER -> new Frame.Whisper(path(in), path(in), payload(in));
            case PRESENCE -> new Frame.Presence(
                    in.optionalString("channel"), in.list("sessions", BincodeFrameDecoder::path));
            case ERROR -> new Frame.Error(error(in));
            case LIST_CHANNELS -> new Frame.ListChannels();
            case CHANNEL_LIST -> new Frame.ChannelList(
                    in.list("channels", BincodeFrameDecoder::channelInfo));
            case JOINED -> new Frame.Joined(in.string("channel"));
            case ACK -> new Frame.Ack(in.optionalString("detail"));
            case INVITE_TOKEN -> new Frame.InviteToken(in.string("token"));
            case PING -> new Frame.Ping();
            case PONG -> new Frame.Pong();
            case SERVER_INFO -> new Frame.ServerInfo(in.bool("admin"));
            case LIST_MACHINES -> new Frame.ListMachines();
            case MACHINE_LIST -> new Frame.MachineList(
                    in.list("machines", BincodeFrameDecoder::machineInfo));
            case LIST_USERS -> new Frame.ListUsers();
            case USER_LIST -> new Frame.UserList(in.list("users", user -> user.string("users")));
            case INVITE_LIST -> new Frame.InviteList(
                    in.list("invites", BincodeFrameDecoder::inviteInfo));
            case READ_SINCE -> new Frame.ReadSince(in.string("channel"), in.i64("since_ms"));
            case HISTORY -> new Frame.History(
                    in.string("channel"), in.list("messages", BincodeFrameDecoder::historyMessage));
            case CAPABILITIES -> new Frame.Capabilities(
                    in.list("features", feature -> feature.string("features")));
            case RECEIPT -> new Frame.Receipt(in.u64("message_id"), receiptState(in));
            case MARK_READ -> new Frame.MarkRead(in.u64("message_id"));
            case INBOX_WHISPER -> new Frame.InboxWhisper(
                    in.u64("message_id"), path(in), path(in), in.i64("ts_ms"), payload(in));
        };
    }

    static Payload payload(BincodeReader in) throws DecodeException {
        PayloadKind kind = variant(in, "payload", PAYLOAD_KINDS, PayloadKind::fromIndex);
        return switch (kind) {
            case PLAIN -> new Payload.Plain(in.string("plain"));
            case ENCRYPTED -> new Payload.Encrypted(
                    in.bytes("ciphertext"), in.optionalString("key_id"));
        };
    }

    private static AdminOp adminOp(BincodeReader in) throws DecodeException {
        AdminOpKind kind = variant(in, "op", ADMIN_OP_KINDS, AdminOpKind::fromIndex);
        return switch (kind) {
            case CREATE_CHANNEL -> new AdminOp.CreateChannel(in.string("name"), visibility(in));
            case DELETE_CHANNEL -> new AdminOp.DeleteChannel(in.string("name"));
            case RENAME_CHANNEL -> new AdminOp.RenameChannel(
                    in.string("name"), in.string("new_name"));
            case SET_VISIBILITY -> new AdminOp.SetVisibility(in.string("name"), visibility(in));
            case ACL_ADD -> new AdminOp.AclAdd(in.string("channel"), in.string("user"));
            case ACL_REMOVE -> new AdminOp.AclRemove(in.string("channel"), in.string("user"));
            case INVITE_CREATE -> new AdminOp.InviteCreate(in.string("channel"),
                    in.optionalU32("uses"), in.optionalU64("expires_in_secs"));
            case INVITE_REVOKE -> new AdminOp.InviteRevoke(in.string("token"));
            case KICK -> new AdminOp.Kick(in.string("channel"), in.string("target"));
            case BAN -> new AdminOp.Ban(in.string("channel"), in.string("user"));
            case USER_REMOVE -> new AdminOp.UserRemove(in.string("username"));
            case MACHINE_REMOVE -> new AdminOp.MachineRemove(in.string("name"));
            case MACHINE_ADD -> new AdminOp.MachineAdd(in.string("name"), in.bytes("pubkey"));
            case ACL_LIST -> new AdminOp.AclList(in.string("channel"));
            case UNBAN -> new AdminOp.Unban(in.string("channel"), in.string("user"));
            case BAN_LIST -> new AdminOp.BanList(in.string("channel"));
            case INVITE_LIST -> new AdminOp.InviteList(in.string("channel"));
        };
    }

    private static ProtocolError error(BincodeReader in) throws DecodeException {
        ProtocolErrorKind kind = variant(in, "error", ERROR_KINDS, ProtocolErrorKind::fromIndex);
        return switch (kind) {
            case VERSION_MISMATCH -> new ProtocolError.VersionMismatch(
                    in.u32("ours"), in.u32("theirs"));
            case MALFORMED_FRAME -> new ProtocolError.MalformedFrame(in.string("message"));
            case UNAUTHORIZED -> new ProtocolError.Unauthorized(in.string("message"));
            case NOT_FOUND -> new ProtocolError.NotFound(in.string("message"));
            case INTERNAL -> new ProtocolError.Internal(in.string("message"));
        };
    }

    private static SessionPath path(BincodeReader in) throws DecodeException {
        return new SessionPath(in.string("user"), in.string("machine"), in.string("session"));
    }

    private static ChannelInfo channelInfo(BincodeReader in) throws DecodeException {
        return new ChannelInfo(in.string("name"), visibility(in), in.bool("member"));
    }

    private static MachineInfo machineInfo(BincodeReader in) throws DecodeException {
        return new MachineInfo(in.string("name"), in.string("pubkey"), in.string("added_at"));
    }

    private static InviteInfo inviteInfo(BincodeReader in) throws DecodeException {
        return new InviteInfo(in.string("token"),
                in.optionalI64("uses_remaining"), in.optionalString("expires_at"));
    }

    private static HistoryMessage historyMessage(BincodeReader in) throws DecodeException {
        return new HistoryMessage(path(in), in.i64("ts_ms"), payload(in));
    }

    private static Visibility visibility(BincodeReader in) throws DecodeException {
        int at = in.bytesUsed();
        long index = in.u32("visibility");
        if (index >= VISIBILITIES.length) {
            throw unknownVariant(in, "visibility", at, index, VISIBILITIES.length);
        }
        return VISIBILITIES[(int) index];
    }

    private static ReceiptState receiptState(BincodeReader in) throws DecodeException {
        int at = in.bytesUsed();
        long index = in.u32("state");
        if (index >= RECEIPT_STATES.length) {
            throw unknownVariant(in, "state", at, index, RECEIPT_STATES.length);
        }
        return RECEIPT_STATES[(int) index];
    }

    /** Reads a variant index (a u32) and finds its kind, or fails naming the valid range. */
    private static <K> K variant(
            BincodeReader in, String field, int count, LongFunction<Optional<K>> lookup)
            throws DecodeException {
        int at = in.bytesUsed();
        long index = in.u32(field);
        return lookup.apply(index).orElseThrow(() -> unknownVariant(in, field, at, index, count));
    }

    private static DecodeException unknownVariant(
            BincodeReader in, String field, int at, long index, int count) {
        return in.error(field, at,
                "unknown variant index " + index + " (expected 0 <= i < " + count + ")");
    }
}
