package conclave.protocol;

import java.util.Arrays;
import java.util.Base64;

/**
 * An immutable byte string for keys, nonces, signatures and ciphertext.
 *
 * <p>Copies on the way in and on the way out, so no caller can change a value another holds.
 * {@link #toString()} shows only the length: these bytes are secrets or key material and must
 * never reach a log. Thread-safe.
 */
public final class Bytes {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A byte string holding a copy of {@code bytes}. */
    public static Bytes of(byte... bytes) {
        return new Bytes(bytes.clone());
    }

    /**
     * Parses base64url text without padding (RFC 4648 §5, the form used on the wire and in key
     * files). Only the canonical form is accepted, so each byte string has exactly one text.
     *
     * @throws IllegalArgumentException if {@code text} has padding, is not base64url, or has
     *     stray bits in its last character
     */
    public static Bytes fromBase64Url(String text) {
        if (text.indexOf('=') >= 0) {
            throw new IllegalArgumentException("base64url text must not be padded");
        }
        byte[] bytes = BASE64URL_DECODER.decode(text);
        if (!BASE64URL.encodeToString(bytes).equals(text)) {
            throw new IllegalArgumentException("base64url text must be canonical");
        }
        return new Bytes(bytes);
    }

    /** Takes ownership of an array nobody else holds; the decoders' zero-copy entry point. */
    static Bytes adopt(byte[] owned) {
        return new Bytes(owned);
    }

    /** The backing array, for writers in this package that only read it and never let it out. */
    byte[] array() {
        return bytes;
    }

    /** The number of bytes. */
    public int size() {
        return bytes.length;
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The bytes as base64url text without padding. */
    public String toBase64Url() {
        return BASE64URL.encodeToString(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Only the length, e.g. {@code Bytes[32]}: the content may be a secret. */
    @Override
    public String toString() {
        return "Bytes[" + bytes.length + "]";
    }
}
