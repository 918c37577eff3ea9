package conclave.protocol;

import java.util.Optional;

/**
 * The 28 frame kinds of protocol version 1 and the 4 of the negotiated extensions
 * (PROTOCOL.md, "Extensions"), in bincode index order.
 *
 * <p>Indices are append-only: a new frame goes at the end and nothing is ever renumbered. The
 * JSON name is the frame's {@code type} value and also its name in logs.
 */
public enum FrameKind {
    HELLO(0, "hello"),
    CHALLENGE(1, "challenge"),
    AUTH(2, "auth"),
    ESTABLISHED(3, "established"),
    REGISTER(4, "register"),
    JOIN(5, "join"),
    LEAVE(6, "leave"),
    WHO(7, "who"),
    ADMIN(8, "admin"),
    CHANNEL_MSG(9, "channel_msg"),
    WHISPER(10, "whisper"),
    PRESENCE(11, "presence"),
    ERROR(12, "error"),
    LIST_CHANNELS(13, "list_channels"),
    CHANNEL_LIST(14, "channel_list"),
    JOINED(15, "joined"),
    ACK(16, "ack"),
    INVITE_TOKEN(17, "invite_token"),
    PING(18, "ping"),
    PONG(19, "pong"),
    SERVER_INFO(20, "server_info"),
    LIST_MACHINES(21, "list_machines"),
    MACHINE_LIST(22, "machine_list"),
    LIST_USERS(23, "list_users"),
    USER_LIST(24, "user_list"),
    INVITE_LIST(25, "invite_list"),
    READ_SINCE(26, "read_since"),
    HISTORY(27, "history"),
    CAPABILITIES(28, "capabilities"),
    RECEIPT(29, "receipt"),
    MARK_READ(30, "mark_read"),
    INBOX_WHISPER(31, "inbox_whisper");

    private static final WireVariants<FrameKind> VARIANTS =
            new WireVariants<>(values(), FrameKind::index, FrameKind::jsonName);

    private final int index;
    private final String jsonName;

    FrameKind(int index, String jsonName) {
        this.index = index;
        this.jsonName = jsonName;
    }

    /** The bincode variant index. */
    public int index() {
        return index;
    }

    /** The JSON {@code type} value, e.g. {@code channel_msg}. */
    public String jsonName() {
        return jsonName;
    }

    /** The kind with this bincode index, or empty for an unknown index. */
    public static Optional<FrameKind> fromIndex(long index) {
        return VARIANTS.fromIndex(index);
    }

    /** The kind with this JSON {@code type}, or empty for an unknown name. */
    public static Optional<FrameKind> fromJsonName(String jsonName) {
        return VARIANTS.fromJsonName(jsonName);
    }
}
