package conclave.identity;

/** A key file that cannot be read, parsed or written; the message names the file, never its content. */
public final class KeyFileException extends RuntimeException {
    KeyFileException(String message) {
        super(message);
    }

    KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
