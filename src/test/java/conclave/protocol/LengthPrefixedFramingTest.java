package conclave.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The 4-byte big-endian length framing of server.md §1.3. */
class LengthPrefixedFramingTest {
    private final BincodeCodec codec = new BincodeCodec();

    @Test
    void write_frame_prefixesItsBigEndianLength() throws IOException {
        var out = new ByteArrayOutputStream();

        LengthPrefixedFraming.write(out, Hex.bytes("10 01 03 6f 70 73"));

        assertThat(Hex.of(out.toByteArray())).isEqualTo("00 00 00 06 10 01 03 6f 70 73");
    }

    @Test
    void read_twoFramesBackToBack_givesEachInTurn() throws IOException, DecodeException {
        var out = new ByteArrayOutputStream();
        LengthPrefixedFraming.write(out, codec.encode(new Frame.Ping()));
        LengthPrefixedFraming.write(out, codec.encode(new Frame.Joined("ops")));
        var in = new ByteArrayInputStream(out.toByteArray());

        Frame first = codec.decode(LengthPrefixedFraming.read(in)).frame();
        Frame second = codec.decode(LengthPrefixedFraming.read(in)).frame();

        assertThat(first).isEqualTo(new Frame.Ping());
        assertThat(second).isEqualTo(new Frame.Joined("ops"));
        assertThat(in.available()).isZero();
    }

    @Test
    void read_lengthOf16MiB_isAccepted() throws IOException, DecodeException {
        byte[] stream = new byte[4 + Frame.MAX_ENCODED_BYTES];
        stream[0] = 0x01; // 0x01000000 = 16 MiB

        byte[] frame = LengthPrefixedFraming.read(new ByteArrayInputStream(stream));

        assertThat(frame.length).isEqualTo(Frame.MAX_ENCODED_BYTES);
    }

    @Test
    void read_lengthOf16MiBPlusOne_isRejectedBeforeReadingTheBody() {
        var in = new ByteArrayInputStream(Hex.bytes("01 00 00 01"));

        assertThatThrownBy(() -> LengthPrefixedFraming.read(in))
                .isInstanceOf(DecodeException.class)
                .hasMessage("length prefix 16777217 exceeds the 16777216-byte cap");
    }

    @Test
    void read_lengthWithTheTopBitSet_isRejectedAsTooLong() {
        var in = new ByteArrayInputStream(Hex.bytes("ff ff ff ff"));

        assertThatThrownBy(() -> LengthPrefixedFraming.read(in))
                .isInstanceOf(DecodeException.class)
                .hasMessage("length prefix 4294967295 exceeds the 16777216-byte cap");
    }

    @Test
    void read_streamEndsInsideTheBody_isEof() {
        var in = new ByteArrayInputStream(Hex.bytes("00 00 00 05 10 01"));

        assertThatThrownBy(() -> LengthPrefixedFraming.read(in)).isInstanceOf(EOFException.class);
    }

    @Test
    void read_streamEndsInsideThePrefix_isEof() {
        var in = new ByteArrayInputStream(Hex.bytes("00 00"));

        assertThatThrownBy(() -> LengthPrefixedFraming.read(in)).isInstanceOf(EOFException.class);
    }

    @Test
    void write_frameOver16MiB_isRefused() {
        byte[] tooBig = new byte[Frame.MAX_ENCODED_BYTES + 1];

        assertThatThrownBy(() -> LengthPrefixedFraming.write(new ByteArrayOutputStream(), tooBig))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
