package conclave.client;

/**
 * No answer arrived in time: {@code timed out after 15s waiting for a server response} for a
 * control session, {@code timed out after 30s waiting for a response from `<url>`} for a link.
 */
public final class ReplyTimeoutException extends ClientException {
    private static final long serialVersionUID = 1L;

    ReplyTimeoutException(String message) {
        super(message);
    }
}
