package conclave.identity;

import java.util.Base64;
import java.util.Optional;

/** Base64url without padding, decoded strictly: one canonical text per byte string. */
final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {}

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Decodes {@code text} if it is the canonical unpadded encoding of exactly {@code length}
     * bytes; the JDK decoder alone would also accept padding and non-zero trailing bits.
     */
    static Optional<byte[]> decodeExactly(String text, int length) {
        if (text.length() != encodedLength(length)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(text);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (bytes.length != length || !encode(bytes).equals(text)) {
            return Optional.empty();
        }
        return Optional.of(bytes);
    }

    private static int encodedLength(int length) {
        return (length * 4 + 2) / 3;
    }
}
