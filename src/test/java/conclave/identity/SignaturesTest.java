package conclave.identity;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class SignaturesTest {
    @Property(tries = 300)
    void verify_arbitraryKeyAndSignatureBytes_answersFalseWithoutThrowing(
            @ForAll @Size(32) byte[] key, @ForAll byte[] message, @ForAll @Size(64) byte[] signature) {
        boolean valid = Signatures.verify(Ed25519PublicKey.of(key), message, Ed25519Signature.of(signature));

        assertThat(valid).isFalse();
    }

    @Property(tries = 100)
    void sign_anyMessage_verifies(@ForAll byte[] message) {
        SigningKey key = SigningKey.generate();

        assertThat(Signatures.verify(key.publicKey(), message, key.sign(message))).isTrue();
    }
}
