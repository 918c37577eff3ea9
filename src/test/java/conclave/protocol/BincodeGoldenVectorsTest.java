package conclave.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every verified vector of reference/server.md §1.5, produced by the Rust original's own
 * bincode 2.0.1. These bytes are the wire contract: a change here is a change to the protocol.
 */
class BincodeGoldenVectorsTest {
    private static final SessionPath AWR = new SessionPath("a", "w", "r");
    private static final byte[] NONCE = IntStream.range(0, 32).collect(
            () -> new byte[32], (array, i) -> array[i] = (byte) (0xA0 + i), (a, b) -> {});
    private static final byte[] SIGNATURE = IntStream.range(0, 64).collect(
            () -> new byte[64], (array, i) -> array[i] = (byte) i, (a, b) -> {});

    private final BincodeCodec codec = new BincodeCodec();

    static Stream<Arguments> vectors() {
        return Stream.of(
                vector(new Frame.Hello(1, "razel"), "00 01 05 72 61 7a 65 6c"),
                vector(new Frame.Established(AWR), "03 01 61 01 77 01 72"),
                vector(new Frame.Join("ops", Optional.empty()), "05 03 6f 70 73 00"),
                vector(new Frame.Join("ops", Optional.of("tok")), "05 03 6f 70 73 01 03 74 6f 6b"),
                vector(new Frame.Who(Optional.empty()), "07 00"),
                vector(new Frame.Admin(new AdminOp.CreateChannel("ops", Visibility.PRIVATE)),
                        "08 00 03 6f 70 73 02"),
                vector(new Frame.Admin(new AdminOp.InviteCreate(
                                "ops", Optional.of(1L), Optional.of(3600L))),
                        "08 06 03 6f 70 73 01 01 01 fb 10 0e"),
                vector(new Frame.ChannelMsg("lobby", AWR, new Payload.Plain("hi")),
                        "09 05 6c 6f 62 62 79 01 61 01 77 01 72 00 02 68 69"),
                vector(new Frame.Whisper(AWR, new SessionPath("d", "x", "m"),
                                new Payload.Encrypted(Bytes.of((byte) 0xde, (byte) 0xad),
                                        Optional.of("k1"))),
                        "0a 01 61 01 77 01 72 01 64 01 78 01 6d 01 02 de ad 01 02 6b 31"),
                vector(new Frame.Error(new ProtocolError.VersionMismatch(1, 2)), "0c 00 01 02"),
                vector(new Frame.Error(new ProtocolError.NotFound("x")), "0c 03 01 78"),
                vector(new Frame.ListChannels(), "0d"),
                vector(new Frame.ListMachines(), "15"),
                vector(new Frame.ListUsers(), "17"),
                vector(new Frame.ChannelList(
                                List.of(new ChannelInfo("ops", Visibility.PRIVATE, true))),
                        "0e 01 03 6f 70 73 02 01"),
                vector(new Frame.Ack(Optional.empty()), "10 00"),
                vector(new Frame.Ack(Optional.of("ops")), "10 01 03 6f 70 73"),
                vector(new Frame.Ping(), "12"),
                vector(new Frame.Pong(), "13"),
                vector(new Frame.ServerInfo(true), "14 01"),
                vector(new Frame.InviteList(List.of(
                                new InviteInfo("tok", Optional.of(3L), Optional.empty()))),
                        "19 01 03 74 6f 6b 01 06 00"),
                vector(new Frame.ReadSince("ops", 0), "1a 03 6f 70 73 00"),
                vector(new Frame.ReadSince("ops", 1751500000000L),
                        "1a 03 6f 70 73 fd 00 16 12 9b 2f 03 00 00"),
                vector(new Frame.History("ops", List.of(
                                new HistoryMessage(AWR, 1000, new Payload.Plain("hi")))),
                        "1b 03 6f 70 73 01 01 61 01 77 01 72 fb d0 07 00 02 68 69"),
                vector(new Frame.Challenge(Bytes.of(NONCE)), "01 20 " + Hex.of(NONCE)),
                vector(new Frame.Auth(Bytes.of(NONCE), Bytes.of(SIGNATURE)),
                        "02 20 " + Hex.of(NONCE) + " 40 " + Hex.of(SIGNATURE)),
                // "More verified rows"
                vector(new Frame.Register("alice", "mac", Bytes.of((byte) 1, (byte) 2, (byte) 3)),
                        "04 05 61 6c 69 63 65 03 6d 61 63 03 01 02 03"),
                vector(new Frame.Presence(Optional.of("ops"), List.of(AWR)),
                        "0b 01 03 6f 70 73 01 01 61 01 77 01 72"),
                vector(new Frame.MachineList(List.of(new MachineInfo("w", "PK", "T"))),
                        "16 01 01 77 02 50 4b 01 54"),
                vector(new Frame.UserList(List.of("a", "b")), "18 02 01 61 01 62"),
                vector(new Frame.Admin(new AdminOp.MachineAdd("m", Bytes.of((byte) 1, (byte) 2))),
                        "08 0c 01 6d 02 01 02"),
                vector(new Frame.Admin(new AdminOp.InviteList("ops")), "08 10 03 6f 70 73"),
                vector(new Frame.Admin(new AdminOp.InviteCreate(
                                "ops", Optional.of(300L), Optional.of(70000L))),
                        "08 06 03 6f 70 73 01 fb 2c 01 01 fc 70 11 01 00"),
                vector(new Frame.InviteList(List.of(
                                new InviteInfo("tok", Optional.of(-1L), Optional.of("T")))),
                        "19 01 03 74 6f 6b 01 01 01 01 54"),
                vector(new Frame.Error(new ProtocolError.MalformedFrame("x")), "0c 01 01 78"),
                vector(new Frame.Error(new ProtocolError.Unauthorized("x")), "0c 02 01 78"),
                vector(new Frame.Error(new ProtocolError.Internal("x")), "0c 04 01 78"),
                vector(new Frame.Hello(300, "é"), "00 fb 2c 01 02 c3 a9"),
                // The extensions (PROTOCOL.md, "Extensions"): ours, not the original's
                vector(new Frame.Capabilities(List.of("inbox")), "1c 01 05 69 6e 62 6f 78"),
                vector(new Frame.Capabilities(List.of()), "1c 00"),
                vector(new Frame.Receipt(1, ReceiptState.DELIVERED), "1d 01 00"),
                vector(new Frame.Receipt(7, ReceiptState.READ), "1d 07 01"),
                vector(new Frame.MarkRead(300), "1e fb 2c 01"),
                vector(new Frame.InboxWhisper(7, AWR, SessionPath.ofUser("d"), 1000, new Payload.Plain("hi")),
                        "1f 07 01 61 01 77 01 72 01 64 00 00 fb d0 07 00 02 68 69"));
    }

    private static Arguments vector(Frame frame, String hex) {
        return Arguments.of(frame, hex);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encode_goldenFrame_givesTheOriginalsBytes(Frame frame, String hex) {
        byte[] encoded = codec.encode(frame);

        assertThat(Hex.of(encoded)).isEqualTo(hex);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decode_goldenBytes_givesTheFrameUsingEveryByte(Frame frame, String hex)
            throws DecodeException {
        byte[] bytes = Hex.bytes(hex);

        BincodeCodec.Decoded decoded = codec.decode(bytes);

        assertThat(decoded.frame()).isEqualTo(frame);
        assertThat(decoded.bytesUsed()).isEqualTo(bytes.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decode_anyShorterPrefixOfGoldenBytes_isRejected(Frame frame, String hex) {
        byte[] bytes = Hex.bytes(hex);

        for (int length = 0; length < bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> codec.decode(prefix))
                    .as("prefix of %d bytes", length)
                    .isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void encodePayload_plainHello_givesTheStoredBlob() {
        byte[] blob = codec.encodePayload(new Payload.Plain("hello"));

        assertThat(Hex.of(blob)).isEqualTo("00 05 68 65 6c 6c 6f");
    }

    @Test
    void decodePayload_storedBlob_givesPlainHello() throws DecodeException {
        Payload payload = codec.decodePayload(Hex.bytes("00 05 68 65 6c 6c 6f"));

        assertThat(payload).isEqualTo(new Payload.Plain("hello"));
    }
}
