package conclave.store;

/**
 * The store's infrastructure failed (I/O, a corrupt file, a broken connection); the server answers
 * {@code internal error}. The message names the operation and never contains a payload or a token.
 */
public final class StoreException extends RuntimeException {
    StoreException(String message) {
        super(message);
    }

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
