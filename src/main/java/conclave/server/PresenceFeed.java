package conclave.server;

import conclave.protocol.SessionPath;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the hub's presence changes into cluster events, queued in the order the hub made them,
 * and remembers when each local session attached, which settles a path claimed on two instances
 * at once. Thread-safe; never blocks (the hub calls it under its lock).
 */
final class PresenceFeed implements HubJournal {
    private final ClusterOutbox outbox;
    private final ServerClock clock;
    private final Map<SessionPath, Long> attachedAtMs = new ConcurrentHashMap<>();

    PresenceFeed(ClusterOutbox outbox, ServerClock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** When the local session at {@code path} attached, in wall-clock milliseconds. */
    Optional<Long> attachedAtMs(SessionPath path) {
        return Optional.ofNullable(attachedAtMs.get(path));
    }

    @Override
    public void attached(SessionPath path) {
        long now = clock.millis();
        attachedAtMs.put(path, now);
        outbox.offer(new ClusterEvent.SessionUp(path, now));
    }

    @Override
    public void detached(SessionPath path) {
        attachedAtMs.remove(path);
        outbox.offer(new ClusterEvent.SessionDown(path));
    }

    @Override
    public void subscribed(SessionPath path, String channel) {
        outbox.offer(new ClusterEvent.Subscribed(path, channel));
    }

    @Override
    public void unsubscribed(SessionPath path, String channel) {
        outbox.offer(new ClusterEvent.Unsubscribed(path, channel));
    }

    @Override
    public void snapshot(Map<SessionPath, Set<String>> sessions) {
        outbox.offer(new ClusterEvent.Heartbeat(sessions));
    }
}
