package conclave.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Frames one server-to-client WebSocket message the way RFC 6455 §5.2 (and Netty's
 * {@code WebSocket08FrameEncoder}) does: FIN set, the binary or text opcode, the payload length
 * in its shortest form, no mask (servers never mask), then the payload, all in one direct buffer.
 *
 * <p>It exists for fan-out: the same message to a thousand sessions is framed once per event
 * loop and each session writes a duplicate of that buffer, which enters the pipeline past
 * Netty's WebSocket encoder (which only takes {@code WebSocketFrame}s and would pass it on
 * untouched) and goes to the socket without a copy. This is valid only once the upgrade has
 * finished and the HTTP codec is gone, which is true of every established session. Stateless
 * and thread-safe.
 */
final class WebSocketFraming {
    private static final int FIN = 0x80;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;

    private WebSocketFraming() {}

    /** A new direct buffer holding the whole framed message; the caller owns (and releases) it. */
    static ByteBuf frame(WireEncoding encoding, byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuf framed = Unpooled.directBuffer(header + length, header + length);
        framed.writeByte(FIN | (encoding == WireEncoding.BINCODE ? OPCODE_BINARY : OPCODE_TEXT));
        if (length < 126) {
            framed.writeByte(length);
        } else if (length <= 0xFFFF) {
            framed.writeByte(126);
            framed.writeShort(length);
        } else {
            framed.writeByte(127);
            framed.writeLong(length);
        }
        framed.writeBytes(payload);
        return framed;
    }
}
