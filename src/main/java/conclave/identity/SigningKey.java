package conclave.identity;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * This machine's Ed25519 identity: the 32-byte RFC 8032 seed and the public key derived from it.
 * {@link #toString()} shows the public key and the word {@code redacted}, never the seed.
 *
 * <p>Immutable and thread-safe.
 */
public final class SigningKey {
    /** Length of the seed in bytes. */
    public static final int SEED_LENGTH = 32;

    private final byte[] seed;
    private final PrivateKey privateKey;
    private final Ed25519PublicKey publicKey;

    private SigningKey(byte[] seed, PrivateKey privateKey, Ed25519PublicKey publicKey) {
        this.seed = seed;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A new identity from a fresh CSPRNG seed. */
    public static SigningKey generate() {
        byte[] seed = new byte[SEED_LENGTH];
        FreshSeeds.RANDOM.nextBytes(seed);
        SigningKey key = fromSeed(seed);
        Arrays.fill(seed, (byte) 0);
        return key;
    }

    /**
     * The identity for a seed (copied); the same seed always gives the same key pair.
     *
     * @throws MalformedKeyOrSignatureException unless exactly 32 bytes
     */
    public static SigningKey fromSeed(byte[] seed) {
        if (seed.length != SEED_LENGTH) {
            throw new MalformedKeyOrSignatureException("seed must be 32 bytes");
        }
        byte[] ownSeed = seed.clone();
        // The JDK has no public "public key from seed" call, but its Ed25519 generator draws
        // exactly the 32 seed bytes from the random source it is given, so replaying the seed
        // yields the matching pair.
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedReplay(ownSeed));
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519 provider", e);
        }
        byte[] spki = pair.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - Ed25519PublicKey.LENGTH, spki.length);
        return new SigningKey(ownSeed, pair.getPrivate(), Ed25519PublicKey.of(raw));
    }

    /** The public half, as enrolled on servers. */
    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** Signs {@code message} (for conclave: the 32-byte server nonce). */
    public Ed25519Signature sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message);
            return Ed25519Signature.of(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The seed as the key file stores it; only {@link KeyFile} may see it. */
    String seedText() {
        return Base64Url.encode(seed);
    }

    @Override
    public String toString() {
        return "SigningKey[public=" + publicKey.text() + ", seed=redacted]";
    }

    /** The CSPRNG for new seeds, opened on first use: loading a key needs none. */
    private static final class FreshSeeds {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    /**
     * A random source that hands out one fixed seed, for deriving a key pair from it. Built on its
     * own engine, so that no default generator is looked up and opened for it.
     */
    private static final class SeedReplay extends SecureRandom {
        SeedReplay(byte[] seed) {
            super(new Replay(seed), null);
        }
    }

    private static final class Replay extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;

        private final transient byte[] seed; // key material: never serialized

        Replay(byte[] seed) {
            this.seed = seed;
        }

        @Override
        protected void engineSetSeed(byte[] ignored) {
            // the replayed seed is all there is
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            throw new UnsupportedOperationException("a replayed seed generates no seeds");
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException(
                        "Ed25519 generator asked for " + bytes.length + " random bytes, expected a 32-byte seed");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
