package conclave.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Why the server refused a request or is ending a session; the payload of an {@code error}
 * frame. {@link #display()} is the exact line clients print.
 */
public sealed interface ProtocolError {
    /** Which variant this is; dispatch on it with an exhaustive switch. */
    ProtocolErrorKind kind();

    /** The client-facing text, e.g. {@code not found: channel `x` not found}. */
    String display();

    /** The client speaks another protocol version; sent instead of a challenge, then close. */
    record VersionMismatch(long ours, long theirs) implements ProtocolError {
        public VersionMismatch {
            Unsigned.requireU32("ours", ours);
            Unsigned.requireU32("theirs", theirs);
        }

        @Override
        public ProtocolErrorKind kind() {
            return ProtocolErrorKind.VERSION_MISMATCH;
        }

        @Override
        public String display() {
            return "incompatible protocol version: ours=" + ours + ", theirs=" + theirs;
        }
    }

    /** A well-formed frame that is wrong at this point, or carries an invalid value. */
    record MalformedFrame(String message) implements ProtocolError {
        public MalformedFrame {
            requireNonNull(message, "message");
        }

        @Override
        public ProtocolErrorKind kind() {
            return ProtocolErrorKind.MALFORMED_FRAME;
        }

        @Override
        public String display() {
            return "malformed frame: " + message;
        }
    }

    /** An authentication failure, a denied role, a ban, or the reason for a force-drop. */
    record Unauthorized(String message) implements ProtocolError {
        public Unauthorized {
            requireNonNull(message, "message");
        }

        @Override
        public ProtocolErrorKind kind() {
            return ProtocolErrorKind.UNAUTHORIZED;
        }

        @Override
        public String display() {
            return "unauthorized: " + message;
        }
    }

    /** An absent or hidden channel, or an offline whisper target. */
    record NotFound(String message) implements ProtocolError {
        public NotFound {
            requireNonNull(message, "message");
        }

        @Override
        public ProtocolErrorKind kind() {
            return ProtocolErrorKind.NOT_FOUND;
        }

        @Override
        public String display() {
            return "not found: " + message;
        }
    }

    /** A fault on the server's side, such as a failed store call. */
    record Internal(String message) implements ProtocolError {
        public Internal {
            requireNonNull(message, "message");
        }

        @Override
        public ProtocolErrorKind kind() {
            return ProtocolErrorKind.INTERNAL;
        }

        @Override
        public String display() {
            return "internal error: " + message;
        }
    }
}
