package conclave.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The integer examples of server.md §1.4, written minimally and read back. */
class BincodeVarintTest {
    @ParameterizedTest
    @CsvSource({
        "0, 00",
        "250, fa",
        "251, fb fb 00",
        "65535, fb ff ff",
        "65536, fc 00 00 01 00",
        "4294967295, fc ff ff ff ff",
        "4294967296, fd 00 00 00 00 01 00 00 00",
        "18446744073709551615, fd ff ff ff ff ff ff ff ff"
    })
    void varint_unsignedValue_usesTheSmallestForm(String unsigned, String hex)
            throws DecodeException {
        long raw = Long.parseUnsignedLong(unsigned);

        byte[] written = new BincodeWriter(16).varint(raw).toByteArray();

        assertThat(Hex.of(written)).isEqualTo(hex);
        assertThat(new BincodeReader(ByteBuffer.wrap(written)).u64("value")).isEqualTo(raw);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 00",
        "-1, 01",
        "1, 02",
        "125, fa",
        "126, fb fc 00",
        "1000, fb d0 07",
        "-9223372036854775808, fd ff ff ff ff ff ff ff ff",
        "9223372036854775807, fd fe ff ff ff ff ff ff ff"
    })
    void zigzag_signedValue_mapsAndUsesTheSmallestForm(long signed, String hex)
            throws DecodeException {
        byte[] written = new BincodeWriter(16).zigzag(signed).toByteArray();

        assertThat(Hex.of(written)).isEqualTo(hex);
        assertThat(new BincodeReader(ByteBuffer.wrap(written)).i64("value")).isEqualTo(signed);
    }
}
