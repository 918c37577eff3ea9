package conclave.server;

import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.store.AppendedMessage;
import java.util.List;
import java.util.function.Consumer;

/**
 * The conclave as a whole, as the requests of one instance see it: fan-out, whispers, presence and
 * moderation reach the sessions of every instance. {@link SoloCluster} is a server alone (the
 * default; the hub is everything); {@link BusCluster} joins instances through a cluster bus.
 * Thread-safe; nothing here blocks on the network.
 */
interface Cluster extends AutoCloseable {
    /** Pushes a committed channel message to every subscriber of the channel but its sender. */
    void posted(String channel, SessionPath from, Payload payload, AppendedMessage appended);

    /**
     * Pushes a whisper to the session at {@code target}, wherever it is online.
     *
     * @return false if it is online nowhere
     */
    boolean whisper(SessionPath from, SessionPath target, Payload payload);

    /**
     * {@code sender} queued a whisper for {@code recipient} (a path, or a bare username): an
     * inbox session of it on another instance takes the queue over at once. (This instance's own
     * sessions are the caller's to serve.)
     */
    void inboxQueued(SessionPath recipient, SessionPath sender);

    /** Pushes {@code receipt} to the inbox session at {@code sender}, wherever it is live; dropped if nowhere. */
    void receipt(SessionPath sender, Frame.Receipt receipt);

    /**
     * Sets what hands an inbox session of this instance its queued whispers, for queues another
     * instance reports; called once, before sessions connect.
     */
    void handInboxesWith(Consumer<Member> handover);

    /** Every path online on any instance, sorted. */
    List<SessionPath> online();

    /** Every path subscribed to {@code channel} on any instance, sorted. */
    List<SessionPath> subscribers(String channel);

    /**
     * Whether {@code user} is banned from {@code channel}; a ban found that the hub's mirror lacks
     * yet (another instance's, still on its way) is mirrored at once.
     */
    boolean isBanned(String channel, String user);

    void ban(String channel, String user);

    void unban(String channel, String user);

    /** The user's sessions leave the channel silently (ACL removal, kick by username). */
    void unsubscribeUser(String channel, String user);

    /** The session at {@code path} leaves the channel silently (kick by path). */
    void unsubscribePath(String channel, SessionPath path);

    void renameChannel(String from, String to);

    void dropChannel(String channel);

    /** Force-drops every session of {@code user} with {@code reason}. */
    void dropUser(String user, String reason);

    /** Force-drops every session on the user's {@code machine} with {@code reason}. */
    void dropMachine(String user, String machine, String reason);

    /** Leaves the conclave: the others forget this instance's sessions at once. */
    @Override
    void close();
}
