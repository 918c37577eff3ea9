package conclave.client;

import static java.util.Objects.requireNonNull;

import conclave.protocol.ProtocolError;

/**
 * The server answered a request with an {@code Error} frame. The message is the error's display
 * text exactly, e.g. {@code not found: channel `x` not found}.
 */
public final class ErrorReplyException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final transient ProtocolError error;

    ErrorReplyException(ProtocolError error) {
        super(error.display());
        this.error = requireNonNull(error, "error");
    }

    /** The wire error the server sent. */
    public ProtocolError error() {
        return error;
    }
}
