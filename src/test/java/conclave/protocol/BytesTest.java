package conclave.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BytesTest {
    @Test
    void of_callerChangesItsArrayAfterwards_valueKeepsTheOriginal() {
        byte[] source = {1, 2, 3};
        Bytes bytes = Bytes.of(source);

        source[0] = 9;

        assertThat(bytes.toByteArray()).containsExactly(1, 2, 3);
    }

    @Test
    void toByteArray_callerChangesTheCopy_valueIsUnchanged() {
        Bytes bytes = Bytes.of((byte) 1, (byte) 2);

        bytes.toByteArray()[0] = 9;

        assertThat(bytes).isEqualTo(Bytes.of((byte) 1, (byte) 2));
    }

    @Test
    void equals_sameContent_equalWithEqualHashCodes() {
        assertThat(Bytes.of((byte) 1, (byte) 2))
                .isEqualTo(Bytes.of((byte) 1, (byte) 2))
                .hasSameHashCodeAs(Bytes.of((byte) 1, (byte) 2))
                .isNotEqualTo(Bytes.of((byte) 1, (byte) 3));
    }

    @Test
    void toString_anyContent_showsOnlyTheLength() {
        assertThat(Bytes.of(new byte[32])).hasToString("Bytes[32]");
    }

    @Test
    void toBase64Url_bytesNeedingUrlAlphabet_usesItWithoutPadding() {
        Bytes bytes = Bytes.of((byte) 0xfb, (byte) 0xff);

        assertThat(bytes.toBase64Url()).isEqualTo("-_8");
        assertThat(Bytes.fromBase64Url("-_8")).isEqualTo(bytes);
    }

    @Test
    void fromBase64Url_padded_isRejected() {
        assertThatThrownBy(() -> Bytes.fromBase64Url("-_8="))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("base64url text must not be padded");
    }

    @Test
    void fromBase64Url_strayBitsInTheLastCharacter_isRejected() {
        assertThatThrownBy(() -> Bytes.fromBase64Url("-_9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("base64url text must be canonical");
    }

    @Test
    void fromBase64Url_standardAlphabet_isRejected() {
        assertThatThrownBy(() -> Bytes.fromBase64Url("+/8"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
