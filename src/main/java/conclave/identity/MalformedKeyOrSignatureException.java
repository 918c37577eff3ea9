package conclave.identity;

/**
 * Bytes or text that cannot be an Ed25519 public key, signature or seed; the message states the
 * rule that was broken (for example {@code public key must be 32 bytes}) and never the value.
 */
public final class MalformedKeyOrSignatureException extends IllegalArgumentException {
    MalformedKeyOrSignatureException(String rule) {
        super(rule);
    }
}
