package conclave.identity;

import java.security.SecureRandom;

/**
 * Random tokens for invites and instance ids: 24 CSPRNG bytes as 32 base64url characters without
 * padding. Thread-safe.
 */
public final class Tokens {
    /** Number of random bytes in a token. */
    public static final int BYTES = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {}

    /** A fresh token. */
    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64Url.encode(bytes);
    }
}
