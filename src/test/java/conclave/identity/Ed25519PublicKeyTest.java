package conclave.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519PublicKeyTest {
    private static final byte[] RFC_PUBLIC = HexFormat.of()
            .parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    private static final String RFC_PUBLIC_TEXT = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    @Test
    void text_rfcKey_is43Base64UrlCharacters() {
        Ed25519PublicKey key = Ed25519PublicKey.of(RFC_PUBLIC);

        assertThat(key.text()).isEqualTo(RFC_PUBLIC_TEXT).hasSize(43);
        assertThat(key).hasToString(RFC_PUBLIC_TEXT);
    }

    @Test
    void parse_textForm_roundTripsToTheSameBytes() {
        Ed25519PublicKey key = Ed25519PublicKey.parse(RFC_PUBLIC_TEXT);

        assertThat(key.bytes()).isEqualTo(RFC_PUBLIC);
        assertThat(key).isEqualTo(Ed25519PublicKey.of(RFC_PUBLIC));
        assertThat(key.hashCode()).isEqualTo(Ed25519PublicKey.of(RFC_PUBLIC).hashCode());
    }

    @Test
    void parse_42Or44Characters_rejectedWithTheRule() {
        assertThatThrownBy(() -> Ed25519PublicKey.parse(RFC_PUBLIC_TEXT.substring(1)))
                .isInstanceOf(MalformedKeyOrSignatureException.class)
                .hasMessage("public key must be 32 bytes written as 43 base64url characters without padding");
        assertThatThrownBy(() -> Ed25519PublicKey.parse(RFC_PUBLIC_TEXT + "A"))
                .isInstanceOf(MalformedKeyOrSignatureException.class);
    }

    @Test
    void parse_paddedText_rejected() {
        assertThatThrownBy(() -> Ed25519PublicKey.parse(RFC_PUBLIC_TEXT + "="))
                .isInstanceOf(MalformedKeyOrSignatureException.class);
    }

    @Test
    void parse_surroundingWhitespace_rejectedBecauseNothingIsTrimmed() {
        assertThatThrownBy(() -> Ed25519PublicKey.parse(" " + RFC_PUBLIC_TEXT.substring(1)))
                .isInstanceOf(MalformedKeyOrSignatureException.class);
    }

    @Test
    void parse_standardAlphabetCharacters_rejected() {
        String standard = "+" + RFC_PUBLIC_TEXT.substring(1);

        assertThatThrownBy(() -> Ed25519PublicKey.parse(standard))
                .isInstanceOf(MalformedKeyOrSignatureException.class);
    }

    @Test
    void parse_nonZeroTrailingBits_rejectedAsNonCanonical() {
        // The last character carries 4 data bits and 2 padding bits; 'p' sets a padding bit.
        String nonCanonical = RFC_PUBLIC_TEXT.substring(0, 42) + "p";

        assertThatThrownBy(() -> Ed25519PublicKey.parse(nonCanonical))
                .isInstanceOf(MalformedKeyOrSignatureException.class);
    }

    @Test
    void of_31Or33Bytes_rejectedWithTheWireRule() {
        assertThatThrownBy(() -> Ed25519PublicKey.of(new byte[31]))
                .isInstanceOf(MalformedKeyOrSignatureException.class)
                .hasMessage("public key must be 32 bytes");
        assertThatThrownBy(() -> Ed25519PublicKey.of(new byte[33]))
                .isInstanceOf(MalformedKeyOrSignatureException.class);
    }

    @Test
    void bytes_mutatingTheCopy_leavesTheKeyUnchanged() {
        byte[] raw = RFC_PUBLIC.clone();
        Ed25519PublicKey key = Ed25519PublicKey.of(raw);

        raw[0] ^= 1;
        key.bytes()[1] ^= 1;

        assertThat(key.bytes()).isEqualTo(RFC_PUBLIC);
    }
}
