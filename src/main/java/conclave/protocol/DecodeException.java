package conclave.protocol;

/**
 * Input that is not a valid frame in the codec's encoding. The message names the field and the
 * rule it broke, e.g. {@code missing field `channel`}.
 *
 * <p>It is the only exception the decoders throw on bad input, of any shape or size.
 */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A decode failure described by {@code message}. */
    public DecodeException(String message) {
        // Thrown for every piece of hostile input, so no stack trace: the message says it all.
        super(message, null, false, false);
    }

    /** A decode failure described by {@code message}, caused by a parser's {@code cause}. */
    public DecodeException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
