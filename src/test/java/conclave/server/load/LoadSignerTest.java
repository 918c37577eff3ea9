package conclave.server.load;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.Ed25519Signature;
import conclave.identity.Signatures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LoadSignerTest {

    @Test
    void sign_matchesTheProductsOwnSignatureByteForByte_andVerifies() {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 7);
        LoadSigner signer = LoadSigner.fromSeed(seed);
        byte[] nonce = new byte[32];
        Arrays.fill(nonce, (byte) 0x5a);

        byte[] signature = signer.sign(nonce);

        assertThat(signature).isEqualTo(signer.signingKey().sign(nonce).bytes());
        assertThat(Signatures.verify(signer.signingKey().publicKey(), nonce, Ed25519Signature.of(signature))).isTrue();
    }
}
