package conclave.identity;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;

/** Verifies Ed25519 signatures. Stateless and thread-safe. */
public final class Signatures {
    private Signatures() {}

    /**
     * Whether {@code signature} is a valid RFC 8032 signature of {@code message} by {@code key}.
     * Lengths were already checked by the value types, so anything else that is wrong — a key
     * that is not a curve point, a non-canonical signature — is simply {@code false}.
     */
    public static boolean verify(Ed25519PublicKey key, byte[] message, Ed25519Signature signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key.toJdkKey());
            verifier.update(message);
            return verifier.verify(signature.bytes());
        } catch (InvalidKeySpecException | InvalidKeyException | SignatureException rejected) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519 provider", e);
        }
    }
}
