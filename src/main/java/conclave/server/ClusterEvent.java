package conclave.server;

import conclave.protocol.Payload;
import conclave.protocol.ReceiptState;
import conclave.protocol.SessionPath;
import java.util.Map;
import java.util.Set;

/**
 * What one instance tells the others of its conclave over the cluster bus: its own sessions
 * (presence), the messages posted on it, and the moderation it applied, which every instance
 * applies to its own sessions in turn.
 */
sealed interface ClusterEvent {
    /** The instance is alive; here is all its presence, replacing what was known of it. */
    record Heartbeat(Map<SessionPath, Set<String>> sessions) implements ClusterEvent {
        public Heartbeat {
            sessions = Map.copyOf(sessions);
        }
    }

    /** A session came online; {@code attachedAtMs} settles which of two racing holders of a path stays. */
    record SessionUp(SessionPath path, long attachedAtMs) implements ClusterEvent {}

    record SessionDown(SessionPath path) implements ClusterEvent {}

    record Subscribed(SessionPath path, String channel) implements ClusterEvent {}

    record Unsubscribed(SessionPath path, String channel) implements ClusterEvent {}

    /** A channel message, committed with {@code tsMs} right after the channel's {@code previousTsMs}. */
    record Posted(String channel, long previousTsMs, long tsMs, SessionPath from, Payload payload)
            implements ClusterEvent {}

    /** A whisper for a session online on instance {@code node}. */
    record Whispered(String node, SessionPath from, SessionPath target, Payload payload) implements ClusterEvent {}

    record Banned(String channel, String user) implements ClusterEvent {}

    record Unbanned(String channel, String user) implements ClusterEvent {}

    /** The user's sessions leave the channel: an ACL removal or a kick by username. */
    record UserUnsubscribed(String channel, String user) implements ClusterEvent {}

    /** One session leaves the channel: a kick by full path. */
    record PathUnsubscribed(String channel, SessionPath path) implements ClusterEvent {}

    record ChannelRenamed(String from, String to) implements ClusterEvent {}

    record ChannelDropped(String channel) implements ClusterEvent {}

    /** The user's sessions are force-dropped with {@code reason}. */
    record UserDropped(String user, String reason) implements ClusterEvent {}

    /** The sessions on the user's machine are force-dropped with {@code reason}. */
    record MachineDropped(String user, String machine, String reason) implements ClusterEvent {}

    /** The instance is shutting down: forget its sessions now rather than after its silence. */
    record Leaving() implements ClusterEvent {}

    /**
     * {@code sender} queued a whisper in the shared store for {@code recipient} (a path, or a bare
     * username): an instance with a matching inbox session hands the queue over at once.
     */
    record InboxQueued(SessionPath recipient, SessionPath sender) implements ClusterEvent {}

    /** A receipt for the inbox session at {@code sender}, which lives on instance {@code node}. */
    record Receipted(String node, SessionPath sender, long messageId, ReceiptState state) implements ClusterEvent {}
}
