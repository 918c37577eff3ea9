package conclave.server;

import conclave.protocol.Frame;
import conclave.protocol.SessionPath;

/** Where one connection stands in its lifecycle; the states of the reference's handshake. */
sealed interface SessionState {
    /** Upgraded; the first frame must be a {@code Hello}. */
    record AwaitHello() implements SessionState {}

    /** The challenge is out; a {@code Register} or an {@code Auth} must follow. */
    record Challenged(byte[] nonce, String handle) implements SessionState {}

    /** A {@code Register} arrived; the {@code Auth} that proves possession of its key must follow. */
    record AwaitAuth(byte[] nonce, String handle, Frame.Register register) implements SessionState {}

    /** Authenticated and attached to the hub. */
    record Established(SessionPath path, Member member) implements SessionState {}

    /** The connection is over; nothing more is handled. */
    record Closed() implements SessionState {}
}
