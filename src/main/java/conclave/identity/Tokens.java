package conclave.identity;

import java.security.SecureRandom;

/**
 * Random tokens for invites and instance ids: 24 CSPRNG bytes as 32 base64url characters without
 * padding, never starting with {@code -} so that a command line does not take one for an option.
 * Thread-safe.
 */
public final class Tokens {
    /** Number of random bytes in a token. */
    public static final int BYTES = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {}

    /** A fresh token. */
    public static String generate() {
        byte[] bytes = new byte[BYTES];
        String token;
        do {
            RANDOM.nextBytes(bytes);
            token = Base64Url.encode(bytes);
        } while (token.charAt(0) == '-'); // one draw in 64; costs under 0.03 bits of the 192
        return token;
    }
}
