package conclave.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One protocol message: the 28 frames of protocol version 1 and the 4 frames of the negotiated
 * extensions (PROTOCOL.md, "Extensions"), one record each.
 *
 * <p>Records are plain carriers. They check structure only (no nulls, immutable lists, u32
 * ranges); whether a name or a key length is acceptable is the server's decision at the step the
 * spec orders. {@code toString} never shows message bodies, tokens, nonces, signatures or keys.
 * Frames without fields are records without components: every instance of one is equal to every
 * other.
 */
public sealed interface Frame {
    /** The size cap for one encoded frame in either encoding: 16 MiB. */
    int MAX_ENCODED_BYTES = 16 * 1024 * 1024;

    /** Which frame this is; dispatch on it with an exhaustive switch. */
    FrameKind kind();

    /** →S, first frame: the client's protocol version (a u32) and requested session handle. */
    record Hello(long protocolVersion, String session) implements Frame {
        public Hello {
            Unsigned.requireU32("protocolVersion", protocolVersion);
            requireNonNull(session, "session");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.HELLO;
        }
    }

    /** S→: the random nonce (32 bytes) the client must sign. */
    record Challenge(Bytes nonce) implements Frame {
        public Challenge {
            requireNonNull(nonce, "nonce");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.CHALLENGE;
        }
    }

    /** →S: the client's public key (32 bytes) and Ed25519 signature (64 bytes) over the nonce. */
    record Auth(Bytes pubkey, Bytes signature) implements Frame {
        public Auth {
            requireNonNull(pubkey, "pubkey");
            requireNonNull(signature, "signature");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.AUTH;
        }
    }

    /** S→: the handshake is done; the session's full path. */
    record Established(SessionPath path) implements Frame {
        public Established {
            requireNonNull(path, "path");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.ESTABLISHED;
        }
    }

    /** →S: claims a username and enrols the first machine's key; an {@code auth} must follow. */
    record Register(String username, String machine, Bytes pubkey) implements Frame {
        public Register {
            requireNonNull(username, "username");
            requireNonNull(machine, "machine");
            requireNonNull(pubkey, "pubkey");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.REGISTER;
        }
    }

    /** →S: subscribes this session to a channel, optionally redeeming an invite token. */
    record Join(String channel, Optional<String> token) implements Frame {
        public Join {
            requireNonNull(channel, "channel");
            requireNonNull(token, "token");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.JOIN;
        }

        /** Redacts the invite token: it grants access to a channel. */
        @Override
        public String toString() {
            return "Join[channel=" + channel
                    + ", token=" + token.map(present -> "<redacted>").orElse("none") + "]";
        }
    }

    /** →S: unsubscribes this session from a channel. */
    record Leave(String channel) implements Frame {
        public Leave {
            requireNonNull(channel, "channel");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.LEAVE;
        }
    }

    /** →S: asks who is online in a channel, or on the whole server when empty. */
    record Who(Optional<String> channel) implements Frame {
        public Who {
            requireNonNull(channel, "channel");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.WHO;
        }
    }

    /** →S: an admin, moderation or self-service operation. */
    record Admin(AdminOp op) implements Frame {
        public Admin {
            requireNonNull(op, "op");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.ADMIN;
        }
    }

    /**
     * A channel post (→S) or its delivery (S→). The server ignores a client's {@code from} and
     * stamps the sender's path; a JSON client may leave it out ({@link SessionPath#UNSTAMPED}).
     */
    record ChannelMsg(String channel, SessionPath from, Payload payload) implements Frame {
        public ChannelMsg {
            requireNonNull(channel, "channel");
            requireNonNull(from, "from");
            requireNonNull(payload, "payload");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.CHANNEL_MSG;
        }
    }

    /**
     * A direct message to one session path, sent (→S) or delivered (S→). As for
     * {@link ChannelMsg}, the server stamps {@code from}; a JSON client may leave it out.
     */
    record Whisper(SessionPath from, SessionPath target, Payload payload) implements Frame {
        public Whisper {
            requireNonNull(from, "from");
            requireNonNull(target, "target");
            requireNonNull(payload, "payload");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.WHISPER;
        }
    }

    /** S→: the reply to {@code who}, echoing its channel. */
    record Presence(Optional<String> channel, List<SessionPath> sessions) implements Frame {
        public Presence {
            requireNonNull(channel, "channel");
            sessions = List.copyOf(sessions);
        }

        @Override
        public FrameKind kind() {
            return FrameKind.PRESENCE;
        }
    }

    /** S→: a refusal or the reason a session ends. */
    record Error(ProtocolError error) implements Frame {
        public Error {
            requireNonNull(error, "error");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.ERROR;
        }
    }

    /** →S: asks for the channels the caller may see. */
    record ListChannels() implements Frame {
        @Override
        public FrameKind kind() {
            return FrameKind.LIST_CHANNELS;
        }
    }

    /** S→: the reply to {@code list_channels}. */
    record ChannelList(List<ChannelInfo> channels) implements Frame {
        public ChannelList {
            channels = List.copyOf(channels);
        }

        @Override
        public FrameKind kind() {
            return FrameKind.CHANNEL_LIST;
        }
    }

    /** S→: a {@code join} succeeded; echoes the requested name. */
    record Joined(String channel) implements Frame {
        public Joined {
            requireNonNull(channel, "channel");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.JOINED;
        }
    }

    /** S→: generic success, with an optional detail (usually the affected name). */
    record Ack(Optional<String> detail) implements Frame {
        public Ack {
            requireNonNull(detail, "detail");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.ACK;
        }
    }

    /** S→: the token of a newly created invite. */
    record InviteToken(String token) implements Frame {
        public InviteToken {
            requireNonNull(token, "token");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.INVITE_TOKEN;
        }

        /** Redacts the token: it grants access to a channel. */
        @Override
        public String toString() {
            return "InviteToken[token=<redacted>]";
        }
    }

    /** →S: application-level keepalive. */
    record Ping() implements Frame {
        @Override
        public FrameKind kind() {
            return FrameKind.PING;
        }
    }

    /** S→: the reply to {@code ping}. */
    record Pong() implements Frame {
        @Override
        public FrameKind kind() {
            return FrameKind.PONG;
        }
    }

    /** S→: sent once right after {@code established}; whether the caller is a server admin. */
    record ServerInfo(boolean admin) implements Frame {
        @Override
        public FrameKind kind() {
            return FrameKind.SERVER_INFO;
        }
    }

    /** →S: asks for the caller's own machines. */
    record ListMachines() implements Frame {
        @Override
        public FrameKind kind() {
            return FrameKind.LIST_MACHINES;
        }
    }

    /** S→: the reply to {@code list_machines}. */
    record MachineList(List<MachineInfo> machines) implements Frame {
        public MachineList {
            machines = List.copyOf(machines);
        }

        @Override
        public FrameKind kind() {
            return FrameKind.MACHINE_LIST;
        }
    }

    /** →S: asks for every user (server admins only). */
    record ListUsers() implements Frame {
        @Override
        public FrameKind kind() {
            return FrameKind.LIST_USERS;
        }
    }

    /** S→: usernames; the reply to {@code list_users}, {@code acl_list} and {@code ban_list}. */
    record UserList(List<String> users) implements Frame {
        public UserList {
            users = List.copyOf(users);
        }

        @Override
        public FrameKind kind() {
            return FrameKind.USER_LIST;
        }
    }

    /** S→: the reply to the {@code invite_list} admin op. */
    record InviteList(List<InviteInfo> invites) implements Frame {
        public InviteList {
            invites = List.copyOf(invites);
        }

        @Override
        public FrameKind kind() {
            return FrameKind.INVITE_LIST;
        }
    }

    /** →S: asks for a channel's retained messages strictly after {@code sinceMs} (epoch ms). */
    record ReadSince(String channel, long sinceMs) implements Frame {
        public ReadSince {
            requireNonNull(channel, "channel");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.READ_SINCE;
        }
    }

    /** S→: one page of retained messages, oldest first. */
    record History(String channel, List<HistoryMessage> messages) implements Frame {
        public History {
            requireNonNull(channel, "channel");
            messages = List.copyOf(messages);
        }

        @Override
        public FrameKind kind() {
            return FrameKind.HISTORY;
        }
    }

    /**
     * Extension negotiation: →S, right after {@code established}, the features the client asks
     * for; S→, the reply, the subset the server accepted. Only a session whose reply named a
     * feature ever receives that feature's frames.
     */
    record Capabilities(List<String> features) implements Frame {
        /** The feature name of the durable whisper inbox with receipts. */
        public static final String INBOX = "inbox";

        public Capabilities {
            features = List.copyOf(features);
        }

        @Override
        public FrameKind kind() {
            return FrameKind.CAPABILITIES;
        }
    }

    /** S→, extension {@code inbox}: a whisper this session queued was delivered, or read. */
    record Receipt(long messageId, ReceiptState state) implements Frame {
        public Receipt {
            requireNonNull(state, "state");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.RECEIPT;
        }
    }

    /** →S, extension {@code inbox}: the client showed the queued whisper {@code messageId} to its user. */
    record MarkRead(long messageId) implements Frame {
        @Override
        public FrameKind kind() {
            return FrameKind.MARK_READ;
        }
    }

    /**
     * S→, extension {@code inbox}: a whisper that was queued while no session could take it,
     * with its message id and the server time it was sent at ({@code tsMs}, epoch ms).
     */
    record InboxWhisper(long messageId, SessionPath from, SessionPath target, long tsMs, Payload payload)
            implements Frame {
        public InboxWhisper {
            requireNonNull(from, "from");
            requireNonNull(target, "target");
            requireNonNull(payload, "payload");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.INBOX_WHISPER;
        }
    }
}
