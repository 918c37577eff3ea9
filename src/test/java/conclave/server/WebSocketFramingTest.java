package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Fan-out frames a message once, by hand: the bytes must be exactly what Netty's encoder writes. */
class WebSocketFramingTest {

    @Test
    void frame_everyLengthForm_matchesNettysServerEncoderByteForByte() {
        for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 300_000}) {
            byte[] payload = new byte[length];
            Arrays.fill(payload, (byte) 'x');

            assertThat(framed(WireEncoding.BINCODE, payload))
                    .as("binary, %d bytes", length)
                    .isEqualTo(nettyEncoded(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload))));
            assertThat(framed(WireEncoding.JSON, payload))
                    .as("text, %d bytes", length)
                    .isEqualTo(nettyEncoded(new TextWebSocketFrame(Unpooled.wrappedBuffer(payload))));
        }
    }

    private static byte[] framed(WireEncoding encoding, byte[] payload) {
        ByteBuf framed = WebSocketFraming.frame(encoding, payload);
        try {
            return ByteBufUtil.getBytes(framed);
        } finally {
            framed.release();
        }
    }

    private static byte[] nettyEncoded(WebSocketFrame frame) {
        EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        encoder.writeOutbound(frame);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (ByteBuf part; (part = encoder.readOutbound()) != null; ) {
            bytes.writeBytes(ByteBufUtil.getBytes(part));
            part.release();
        }
        assertThat(encoder.finish()).isFalse();
        return bytes.toByteArray();
    }
}
