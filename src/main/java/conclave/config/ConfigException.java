package conclave.config;

/**
 * config.toml cannot be read, is not valid, or cannot be written. The message is complete on its
 * own: it names the file, the reason and, for a bad document, the line and what is wrong there.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(message);
    }

    ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
