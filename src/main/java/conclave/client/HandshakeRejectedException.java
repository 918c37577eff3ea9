package conclave.client;

import static java.util.Objects.requireNonNull;

import conclave.protocol.ProtocolError;

/**
 * The server refused the handshake with an {@code Error} frame:
 * {@code authentication rejected: <display>}, or {@code registration rejected: <display>} when
 * the handshake was a registration.
 */
public final class HandshakeRejectedException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final transient ProtocolError error;

    HandshakeRejectedException(String step, ProtocolError error) {
        super(step + " rejected: " + error.display());
        this.error = requireNonNull(error, "error");
    }

    /** The wire error the server sent. */
    public ProtocolError error() {
        return error;
    }
}
