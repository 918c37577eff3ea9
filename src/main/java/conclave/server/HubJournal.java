package conclave.server;

import conclave.protocol.SessionPath;
import java.util.Map;
import java.util.Set;

/**
 * Hears every change to the {@link Hub}'s presence and subscriptions, in the order they happen:
 * the hub calls it under its lock, so implementations only record or queue, never block.
 */
interface HubJournal {
    /** Hears nothing: a server that runs alone. */
    HubJournal NONE = new HubJournal() {
        @Override
        public void attached(SessionPath path) {}

        @Override
        public void detached(SessionPath path) {}

        @Override
        public void subscribed(SessionPath path, String channel) {}

        @Override
        public void unsubscribed(SessionPath path, String channel) {}

        @Override
        public void snapshot(Map<SessionPath, Set<String>> sessions) {}
    };

    /** A session came online at {@code path} (replacing any older holder of the path here). */
    void attached(SessionPath path);

    /** The session at {@code path} went offline. */
    void detached(SessionPath path);

    void subscribed(SessionPath path, String channel);

    void unsubscribed(SessionPath path, String channel);

    /** Everything at once: every live session and its channels (see {@link Hub#reportSnapshot}). */
    void snapshot(Map<SessionPath, Set<String>> sessions);
}
