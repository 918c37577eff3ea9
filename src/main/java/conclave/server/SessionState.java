package conclave.server;

import conclave.protocol.Frame;
import conclave.protocol.SessionPath;
import java.util.List;
import java.util.Optional;

/** Where one connection stands in its lifecycle; the states of the reference's handshake. */
sealed interface SessionState {
    /** Upgraded; the first frame must be a {@code Hello}. */
    record AwaitHello() implements SessionState {}

    /** The challenge is out; a {@code Register} or an {@code Auth} must follow. */
    record Challenged(byte[] nonce, String handle) implements SessionState {}

    /** A {@code Register} arrived; the {@code Auth} that proves possession of its key must follow. */
    record AwaitAuth(byte[] nonce, String handle, Frame.Register register) implements SessionState {}

    /**
     * Authenticated and attached to the hub; {@code features} are the extensions the session
     * negotiated with {@code capabilities}, empty until it has (at most once per session).
     */
    record Established(SessionPath path, Member member, Optional<List<String>> features) implements SessionState {
        public Established {
            features = features.map(List::copyOf);
        }

        /** Whether this session negotiated {@code feature}. */
        boolean has(String feature) {
            return features.isPresent() && features.get().contains(feature);
        }
    }

    /** The connection is over; nothing more is handled. */
    record Closed() implements SessionState {}
}
