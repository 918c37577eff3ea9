package conclave.client;

/**
 * The server could not be reached or would not upgrade to a WebSocket:
 * {@code failed to connect to `<url>`: <cause>} or
 * {@code timed out after 10s connecting to `<url>`}.
 */
public final class DialException extends ClientException {
    private static final long serialVersionUID = 1L;

    DialException(String message, Throwable transportFailure) {
        super(message, transportFailure);
    }

    static DialException failed(ServerUrl url, String cause, Throwable transportFailure) {
        return new DialException("failed to connect to `" + url.text() + "`: " + cause, transportFailure);
    }

    static DialException timedOut(ServerUrl url, java.time.Duration limit) {
        return new DialException(
                "timed out after " + Durations.text(limit) + " connecting to `" + url.text() + "`", null);
    }
}
