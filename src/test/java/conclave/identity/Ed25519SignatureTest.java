package conclave.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ed25519SignatureTest {
    @Test
    void of_64Bytes_accepted() {
        assertThat(Ed25519Signature.of(new byte[64]).bytes()).hasSize(64);
    }

    @Test
    void of_63Or65Bytes_rejectedWithTheWireRule() {
        assertThatThrownBy(() -> Ed25519Signature.of(new byte[63]))
                .isInstanceOf(MalformedKeyOrSignatureException.class)
                .hasMessage("signature must be 64 bytes");
        assertThatThrownBy(() -> Ed25519Signature.of(new byte[65]))
                .isInstanceOf(MalformedKeyOrSignatureException.class);
    }
}
