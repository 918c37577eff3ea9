package conclave.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The decoder accepts exactly what the original's bincode 2.0.1 accepts (server.md §1.4). */
class BincodeLeniencyTest {
    private final BincodeCodec codec = new BincodeCodec();

    @ParameterizedTest
    @ValueSource(strings = {"fb 07 00 00", "fc 07 00 00 00 00"})
    void decode_variantIndexInWiderU32Form_isAccepted(String hex) throws DecodeException {
        BincodeCodec.Decoded decoded = codec.decode(Hex.bytes(hex));

        assertThat(decoded.frame()).isEqualTo(new Frame.Who(Optional.empty()));
        assertThat(decoded.bytesUsed()).isEqualTo(Hex.bytes(hex).length);
    }

    @Test
    void decode_variantIndexInU64Form_isRejected() {
        assertThatThrownBy(() -> codec.decode(Hex.bytes("fd 07 00 00 00 00 00 00 00 00")))
                .isInstanceOf(DecodeException.class)
                .hasMessage("`frame` at byte 0: a 64-bit varint is too wide for a u32");
    }

    @ParameterizedTest
    @CsvSource({
        "'00 fc 01 00 00 00 05 72 61 7a 65 6c', protocol_version in u32 form",
        "'0c 00 fb 01 00 fc 02 00 00 00', ours and theirs in u16 and u32 forms"
    })
    void decode_u32FieldsInWiderForms_areAccepted(String hex, String why) throws DecodeException {
        byte[] bytes = Hex.bytes(hex);

        assertThat(codec.decode(bytes).bytesUsed()).as(why).isEqualTo(bytes.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00 fd 01 00 00 00 00 00 00 00 00",
        "0c 00 fd 01 00 00 00 00 00 00 00 02",
        "08 06 03 6f 70 73 01 fd 01 00 00 00 00 00 00 00 00"
    })
    void decode_u32FieldInU64Form_isRejected(String hex) {
        assertThatThrownBy(() -> codec.decode(Hex.bytes(hex)))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("too wide for a u32");
    }

    @Test
    void decode_stringLengthInU16Form_isAccepted() throws DecodeException {
        Frame frame = codec.decode(Hex.bytes("06 fb 01 00 61")).frame();

        assertThat(frame).isEqualTo(new Frame.Leave("a"));
    }

    @Test
    void decode_stringLengthInU64Form_isAccepted() throws DecodeException {
        Frame frame = codec.decode(Hex.bytes("06 fd 01 00 00 00 00 00 00 00 61")).frame();

        assertThat(frame).isEqualTo(new Frame.Leave("a"));
    }

    @ParameterizedTest
    @CsvSource({
        "'1a 03 6f 70 73 fc 02 00 00 00', 1",
        "'1a 03 6f 70 73 fb 02 00', 1",
        "'1a 03 6f 70 73 fd 01 00 00 00 00 00 00 00', -1"
    })
    void decode_sinceMsInWiderForms_isAccepted(String hex, long sinceMs) throws DecodeException {
        Frame frame = codec.decode(Hex.bytes(hex)).frame();

        assertThat(frame).isEqualTo(new Frame.ReadSince("ops", sinceMs));
    }

    @Test
    void decode_expiresInSecsInU64Form_isAccepted() throws DecodeException {
        Frame frame = codec.decode(Hex.bytes("08 06 03 6f 70 73 00 01 fd ff ff ff ff ff ff ff ff"))
                .frame();

        assertThat(frame).isEqualTo(new Frame.Admin(
                new AdminOp.InviteCreate("ops", Optional.empty(), Optional.of(-1L))));
    }

    @ParameterizedTest
    @CsvSource({
        "'fe 07 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', 128-bit varints",
        "'06 fe 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 61', 128-bit varints",
        "'1a 03 6f 70 73 fe 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', 128-bit varints",
        "'ff', reserved",
        "'06 ff 61', reserved",
        "'1a 03 6f 70 73 ff', reserved"
    })
    void decode_u128OrReservedMarker_isRejectedInAnyField(String hex, String problem) {
        assertThatThrownBy(() -> codec.decode(Hex.bytes(hex)))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"07 fb 01 00", "07 02", "05 03 6f 70 73 ff"})
    void decode_optionTagOtherThanZeroOrOne_isRejected(String hex) {
        assertThatThrownBy(() -> codec.decode(Hex.bytes(hex)))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("option tag must be 0 or 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"14 02", "14 ff", "0e 01 03 6f 70 73 02 07"})
    void decode_boolOtherThanZeroOrOne_isRejected(String hex) {
        assertThatThrownBy(() -> codec.decode(Hex.bytes(hex)))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("bool must be 0 or 1");
    }

    @Test
    void decode_frameIndex32_isRejectedNamingTheRange() {
        assertThatThrownBy(() -> codec.decode(Hex.bytes("20")))
                .isInstanceOf(DecodeException.class)
                .hasMessage("`frame` at byte 0: unknown variant index 32 (expected 0 <= i < 32)");
    }

    @Test
    void decode_receiptStateIndex2_isRejectedNamingTheRange() {
        assertThatThrownBy(() -> codec.decode(Hex.bytes("1d 01 02")))
                .isInstanceOf(DecodeException.class)
                .hasMessage("`state` at byte 2: unknown variant index 2 (expected 0 <= i < 2)");
    }

    @ParameterizedTest
    @CsvSource({
        "'08 11 03 6f 70 73', `op` at byte 1, 17, 17",
        "'0c 05 01 78', `error` at byte 1, 5, 5",
        "'09 01 6c 01 61 01 77 01 72 02 00', `payload` at byte 9, 2, 2",
        "'08 00 03 6f 70 73 03', `visibility` at byte 6, 3, 3"
    })
    void decode_unknownNestedVariant_isRejectedNamingIt(
            String hex, String where, int index, int count) {
        assertThatThrownBy(() -> codec.decode(Hex.bytes(hex)))
                .isInstanceOf(DecodeException.class)
                .hasMessage(where + ": unknown variant index " + index
                        + " (expected 0 <= i < " + count + ")");
    }

    @ParameterizedTest
    @CsvSource({
        "'06 01 ff', lone 0xff",
        "'06 02 c0 80', overlong NUL",
        "'06 03 ed a0 80', encoded surrogate",
        "'06 04 f4 90 80 80', above U+10FFFF",
        "'06 02 c3 28', bad continuation"
    })
    void decode_invalidUtf8_isRejected(String hex, String why) {
        assertThatThrownBy(() -> codec.decode(Hex.bytes(hex)))
                .as(why)
                .isInstanceOf(DecodeException.class)
                .hasMessage("`channel` at byte 2: invalid UTF-8");
    }

    @Test
    void decode_encodedReplacementCharacter_isAcceptedAsText() throws DecodeException {
        Frame frame = codec.decode(Hex.bytes("06 04 61 ef bf bd")).frame();

        assertThat(frame).isEqualTo(new Frame.Leave("a\uFFFD"));
    }

    @Test
    void decode_invalidUtf8InADirectBuffer_isRejected() {
        byte[] bytes = Hex.bytes("06 02 c0 80");
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();

        assertThatThrownBy(() -> codec.decode(direct))
                .isInstanceOf(DecodeException.class)
                .hasMessage("`channel` at byte 2: invalid UTF-8");
    }

    @Test
    void decode_pingFollowedByGarbage_usesOneByte() throws DecodeException {
        BincodeCodec.Decoded decoded = codec.decode(Hex.bytes("12 aa bb"));

        assertThat(decoded.frame()).isEqualTo(new Frame.Ping());
        assertThat(decoded.bytesUsed()).isEqualTo(1);
    }

    @Test
    void decode_emptyInput_isRejected() {
        assertThatThrownBy(() -> codec.decode(new byte[0]))
                .isInstanceOf(DecodeException.class)
                .hasMessage("`frame` at byte 0: unexpected end of input");
    }

    @Test
    void decode_exactly16MiB_isDecoded() throws DecodeException {
        byte[] input = new byte[Frame.MAX_ENCODED_BYTES];
        input[0] = 0x12;

        assertThat(codec.decode(input).frame()).isEqualTo(new Frame.Ping());
    }

    @Test
    void decode_16MiBPlusOne_isRejectedUnread() {
        byte[] input = new byte[Frame.MAX_ENCODED_BYTES + 1];
        input[0] = 0x12;

        assertThatThrownBy(() -> codec.decode(input))
                .isInstanceOf(DecodeException.class)
                .hasMessage("frame of 16777217 bytes exceeds the 16777216-byte cap");
    }

    @Test
    void decode_lengthBeyondTheInput_isRejectedBeforeAllocating() {
        assertThatThrownBy(() -> codec.decode(Hex.bytes("06 fd ff ff ff ff ff ff ff 7f 61")))
                .isInstanceOf(DecodeException.class)
                .hasMessage("`channel` at byte 1: "
                        + "length 9223372036854775807 exceeds the 1 bytes left");
    }

    @Test
    void decode_listCountBeyondTheInput_isRejectedBeforeAllocating() {
        assertThatThrownBy(() -> codec.decode(Hex.bytes("18 fc ff ff ff 7f 01 61")))
                .isInstanceOf(DecodeException.class)
                .hasMessage("`users` at byte 1: length 2147483647 exceeds the 2 bytes left");
    }

    @Test
    void decode_byteBufferWindow_readsFromPositionAndLeavesItUnmoved() throws DecodeException {
        ByteBuffer buffer = ByteBuffer.wrap(Hex.bytes("ff ff 10 01 03 6f 70 73 ee"));
        buffer.position(2);

        BincodeCodec.Decoded decoded = codec.decode(buffer);

        assertThat(decoded.frame()).isEqualTo(new Frame.Ack(Optional.of("ops")));
        assertThat(decoded.bytesUsed()).isEqualTo(6);
        assertThat(buffer.position()).isEqualTo(2);
    }

    @Test
    void decode_directByteBuffer_decodesLikeAHeapOne() throws DecodeException {
        byte[] bytes = Hex.bytes("09 05 6c 6f 62 62 79 01 61 01 77 01 72 00 02 68 69");
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();

        assertThat(codec.decode(direct)).isEqualTo(codec.decode(bytes));
    }

    @Test
    void decodePayload_unknownVariant_isRejected() {
        assertThatThrownBy(() -> codec.decodePayload(Hex.bytes("02 00")))
                .isInstanceOf(DecodeException.class)
                .hasMessage("`payload` at byte 0: unknown variant index 2 (expected 0 <= i < 2)");
    }
}
