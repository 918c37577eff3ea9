package conclave.client;

/**
 * The connection is gone, or was never there, so no answer can come:
 * {@code connection closed before a response arrived} for a control session, and for a link
 * {@code connection to `<url>` lost; retry} (lost with the request outstanding),
 * {@code not connected to `<url>`; retry} (asked while down) or
 * {@code link to `<url>` is closed}.
 */
public final class ConnectionLostException extends ClientException {
    private static final long serialVersionUID = 1L;

    ConnectionLostException(String message) {
        super(message);
    }
}
