package conclave.identity;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A raw 32-byte Ed25519 public key. Its text form, used by the store, the admin pins and the CLI,
 * is 43 base64url characters without padding.
 *
 * <p>Immutable and thread-safe.
 */
public final class Ed25519PublicKey {
    /** Length of a raw public key in bytes. */
    public static final int LENGTH = 32;

    /** DER prefix that turns the raw key into an X.509 SubjectPublicKeyInfo for the JDK. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final byte[] raw;
    private final String text;

    private Ed25519PublicKey(byte[] raw) {
        this.raw = raw;
        this.text = Base64Url.encode(raw);
    }

    /**
     * Wraps raw key bytes (copied).
     *
     * @throws MalformedKeyOrSignatureException unless exactly 32 bytes
     */
    public static Ed25519PublicKey of(byte[] raw) {
        if (raw.length != LENGTH) {
            throw new MalformedKeyOrSignatureException("public key must be 32 bytes");
        }
        return new Ed25519PublicKey(raw.clone());
    }

    /**
     * Parses the text form exactly (no trimming), as printed by {@code conclave key}.
     *
     * @throws MalformedKeyOrSignatureException unless 43 canonical base64url characters
     */
    public static Ed25519PublicKey parse(String text) {
        return Base64Url.decodeExactly(text, LENGTH)
                .map(Ed25519PublicKey::new)
                .orElseThrow(() -> new MalformedKeyOrSignatureException(
                        "public key must be 32 bytes written as 43 base64url characters without padding"));
    }

    /** The raw 32 bytes (a copy). */
    public byte[] bytes() {
        return raw.clone();
    }

    /** The 43-character base64url text form. */
    public String text() {
        return text;
    }

    /**
     * The JDK form of this key.
     *
     * @throws InvalidKeySpecException if the bytes are not a point encoding the JDK accepts
     */
    PublicKey toJdkKey() throws InvalidKeySpecException {
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + LENGTH);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, LENGTH);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519 provider", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519PublicKey that && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    /** The text form; a public key is not secret. */
    @Override
    public String toString() {
        return text;
    }
}
