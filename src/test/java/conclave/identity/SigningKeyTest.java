package conclave.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SigningKeyTest {
    private static final HexFormat HEX = HexFormat.of();
    // RFC 8032 §7.1, TEST 1.
    private static final byte[] RFC_SEED =
            HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final String RFC_PUBLIC =
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC_EMPTY_MESSAGE_SIGNATURE =
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    @Test
    void fromSeed_rfc8032Test1_derivesThePublishedPublicKey() {
        SigningKey key = SigningKey.fromSeed(RFC_SEED);

        assertThat(HEX.formatHex(key.publicKey().bytes())).isEqualTo(RFC_PUBLIC);
    }

    @Test
    void sign_rfc8032Test1EmptyMessage_producesThePublishedSignature() {
        SigningKey key = SigningKey.fromSeed(RFC_SEED);

        Ed25519Signature signature = key.sign(new byte[0]);

        assertThat(HEX.formatHex(signature.bytes())).isEqualTo(RFC_EMPTY_MESSAGE_SIGNATURE);
        assertThat(Signatures.verify(key.publicKey(), new byte[0], signature)).isTrue();
    }

    @Test
    void sign_generatedKey_verifiesWithItsPublicKey() {
        SigningKey key = SigningKey.generate();
        byte[] nonce = nonce();

        Ed25519Signature signature = key.sign(nonce);

        assertThat(Signatures.verify(key.publicKey(), nonce, signature)).isTrue();
    }

    @Test
    void verify_tamperedMessage_fails() {
        SigningKey key = SigningKey.generate();
        byte[] nonce = nonce();
        Ed25519Signature signature = key.sign(nonce);

        nonce[7] ^= 1;

        assertThat(Signatures.verify(key.publicKey(), nonce, signature)).isFalse();
    }

    @Test
    void verify_tamperedSignature_fails() {
        SigningKey key = SigningKey.generate();
        byte[] nonce = nonce();
        byte[] signature = key.sign(nonce).bytes();

        signature[0] ^= 1;

        assertThat(Signatures.verify(key.publicKey(), nonce, Ed25519Signature.of(signature))).isFalse();
    }

    @Test
    void verify_signatureByAnotherKey_fails() {
        SigningKey signer = SigningKey.generate();
        SigningKey other = SigningKey.generate();
        byte[] nonce = nonce();

        Ed25519Signature signature = signer.sign(nonce);

        assertThat(Signatures.verify(other.publicKey(), nonce, signature)).isFalse();
    }

    @Test
    void verify_signatureOverZeroNonceInsteadOfRealOne_fails() {
        SigningKey key = SigningKey.generate();

        Ed25519Signature overZeros = key.sign(new byte[32]);

        assertThat(Signatures.verify(key.publicKey(), nonce(), overZeros)).isFalse();
    }

    @Test
    void fromSeed_sameSeed_sameKeyPair() {
        SigningKey first = SigningKey.fromSeed(RFC_SEED);
        SigningKey second = SigningKey.fromSeed(RFC_SEED.clone());

        assertThat(second.publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void generate_twice_givesDifferentKeys() {
        assertThat(SigningKey.generate().publicKey()).isNotEqualTo(SigningKey.generate().publicKey());
    }

    @Test
    void fromSeed_31Or33Bytes_rejected() {
        assertThatThrownBy(() -> SigningKey.fromSeed(new byte[31]))
                .isInstanceOf(MalformedKeyOrSignatureException.class)
                .hasMessage("seed must be 32 bytes");
        assertThatThrownBy(() -> SigningKey.fromSeed(new byte[33]))
                .isInstanceOf(MalformedKeyOrSignatureException.class);
    }

    @Test
    void toString_showsPublicKey_redactsSeed() {
        SigningKey key = SigningKey.fromSeed(RFC_SEED);

        String shown = key.toString();

        assertThat(shown).contains(key.publicKey().text()).contains("redacted");
        assertThat(shown).doesNotContain(key.seedText());
        assertThat(shown.toLowerCase()).doesNotContain("9d61b19d");
    }

    private static byte[] nonce() {
        return "a 32-byte nonce from the server!".getBytes(StandardCharsets.US_ASCII);
    }
}
