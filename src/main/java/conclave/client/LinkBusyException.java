package conclave.client;

/**
 * A link already has as many requests waiting for replies as it allows:
 * {@code too many requests waiting for `<url>` (1024); retry}. Nothing was sent.
 */
public final class LinkBusyException extends ClientException {
    private static final long serialVersionUID = 1L;

    LinkBusyException(String message) {
        super(message);
    }
}
