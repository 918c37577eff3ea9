package conclave.identity;

import java.util.Arrays;

/** A raw 64-byte Ed25519 signature (RFC 8032, pure, no context). Immutable and thread-safe. */
public final class Ed25519Signature {
    /** Length of a signature in bytes. */
    public static final int LENGTH = 64;

    private final byte[] raw;

    private Ed25519Signature(byte[] raw) {
        this.raw = raw;
    }

    /**
     * Wraps raw signature bytes (copied).
     *
     * @throws MalformedKeyOrSignatureException unless exactly 64 bytes
     */
    public static Ed25519Signature of(byte[] raw) {
        if (raw.length != LENGTH) {
            throw new MalformedKeyOrSignatureException("signature must be 64 bytes");
        }
        return new Ed25519Signature(raw.clone());
    }

    /** The raw 64 bytes (a copy). */
    public byte[] bytes() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519Signature that && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "Ed25519Signature[64 bytes]";
    }
}
