package conclave.server.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the server's WebSocket frames straight from the socket bytes once the upgrade is done,
 * in place of Netty's frame decoder and everything behind it: each binary message is handed to
 * its connection as a slice of the read buffer, with no copy, no frame object and no
 * pipeline hop per message (the slice is valid only during the call). It keeps the generator's per-delivery cost small next to the
 * server's, as the minimal NATS reader does for the baseline.
 *
 * <p>Server frames are never masked and conclave never fragments a message; a fragment, a
 * text frame or a reserved opcode fails the connection, a Close ends it, Ping and Pong are
 * ignored (the server never sends them). Confined to its channel's event loop.
 */
final class RawFrameReader extends ByteToMessageDecoder {
    private static final int FIN = 0x80;
    private static final int OPCODE_BINARY = 0x2;
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PING = 0x9;
    private static final int OPCODE_PONG = 0xA;

    private final Consumer<ByteBuf> messages;

    RawFrameReader(Consumer<ByteBuf> messages) {
        this.messages = messages;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws IOException {
        while (in.readableBytes() >= 2) {
            int start = in.readerIndex();
            int first = in.getUnsignedByte(start);
            int lengthCode = in.getUnsignedByte(start + 1) & 0x7F;
            int header = lengthCode < 126 ? 2 : lengthCode == 126 ? 4 : 10;
            if (in.readableBytes() < header) {
                return;
            }
            long length = lengthCode < 126 ? lengthCode
                    : lengthCode == 126 ? in.getUnsignedShort(start + 2) : in.getLong(start + 2);
            if (length > Integer.MAX_VALUE - header) {
                throw new IOException("server frame of " + length + " bytes");
            }
            if (in.readableBytes() < header + length) {
                return;
            }
            in.skipBytes(header + (int) length);
            int opcode = first & 0x0F;
            if (opcode == OPCODE_BINARY && (first & FIN) != 0) {
                messages.accept(in.slice(start + header, (int) length));
            } else if (opcode == OPCODE_CLOSE) {
                ctx.close();
                return;
            } else if (opcode != OPCODE_PING && opcode != OPCODE_PONG) {
                throw new IOException("unexpected server frame: first byte 0x" + Integer.toHexString(first));
            }
        }
    }
}
