package conclave.server.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's own reader of server WebSocket frames, against hand-framed bytes. */
class RawFrameReaderTest {
    private final List<byte[]> received = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new RawFrameReader(m -> received.add(ByteBufUtil.getBytes(m))));

    private static byte[] payload(int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 'x');
        payload[length - 1] = (byte) length;
        return payload;
    }

    /** A server frame: FIN, {@code opcode}, the shortest length form, no mask. */
    private static ByteBuf frame(int opcode, byte[] payload) {
        ByteBuf frame = Unpooled.buffer();
        frame.writeByte(0x80 | opcode);
        if (payload.length < 126) {
            frame.writeByte(payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.writeByte(126).writeShort(payload.length);
        } else {
            frame.writeByte(127).writeLong(payload.length);
        }
        return frame.writeBytes(payload);
    }

    @Test
    void binaryMessages_ofEveryLengthForm_splitAcrossReads_arriveWhole() {
        byte[] small = payload(5);
        byte[] medium = payload(300);
        byte[] large = payload(70_000);
        ByteBuf bytes = Unpooled.wrappedBuffer(frame(2, small), frame(2, medium), frame(2, large));

        while (bytes.isReadable()) {
            channel.writeInbound(bytes.readRetainedSlice(Math.min(777, bytes.readableBytes())));
        }
        bytes.release();

        assertThat(received).containsExactly(small, medium, large);
    }

    @Test
    void close_endsTheConnection_andPingsAreIgnored() {
        channel.writeInbound(frame(9, new byte[0]), frame(2, payload(3)), frame(8, new byte[] {3, (byte) 0xE8}));

        assertThat(received).hasSize(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void textOrFragmentedFrames_failTheConnection() {
        ByteBuf fragment = frame(2, payload(4));
        fragment.setByte(0, 0x02); // FIN cleared

        assertThatThrownBy(() -> channel.writeInbound(fragment))
                .isInstanceOf(DecoderException.class)
                .hasMessageContaining("unexpected server frame");
        assertThat(received).isEmpty();
    }
}
