package conclave.server.load;

import conclave.identity.SigningKey;
import java.security.SecureRandom;

/**
 * The generator's Ed25519 identity: a key the server knows as a {@link SigningKey}, signed with
 * BouncyCastle's RFC 8032 code (it comes with jnats) instead of the JDK's. Ed25519 signatures are
 * deterministic, so both produce the same bytes; BouncyCastle's take about a tenth of the JDK 17
 * provider's 0.5 ms, which would otherwise make the handshake scenario measure the client's
 * signing more than the server's verifying. Immutable and thread-safe.
 */
final class LoadSigner {
    private final byte[] seed;
    private final byte[] publicKey;
    private final SigningKey key;

    private LoadSigner(byte[] seed) {
        this.seed = seed.clone();
        this.key = SigningKey.fromSeed(seed);
        this.publicKey = key.publicKey().bytes();
    }

    static LoadSigner generate() {
        byte[] seed = new byte[SigningKey.SEED_LENGTH];
        new SecureRandom().nextBytes(seed);
        return new LoadSigner(seed);
    }

    static LoadSigner fromSeed(byte[] seed) {
        return new LoadSigner(seed);
    }

    /** The public key as enrolled on the server (32 bytes; a copy). */
    byte[] publicKey() {
        return publicKey.clone();
    }

    /** The same key as the product's identity layer sees it. */
    SigningKey signingKey() {
        return key;
    }

    /** The 64-byte Ed25519 signature of {@code message}. */
    byte[] sign(byte[] message) {
        byte[] signature = new byte[64];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }
}
