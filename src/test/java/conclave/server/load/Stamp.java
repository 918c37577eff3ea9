package conclave.server.load;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The body of every fan-out message: {@link #BODY_BYTES} printable ASCII bytes that end with the
 * message's sequence number and its send time ({@link System#nanoTime()}), 16 hex digits each.
 *
 * <p>The stamp sits at the very end on purpose: a bincode {@code ChannelMsg} with a {@code Plain}
 * payload ends with the body's bytes, and a NATS message is the body alone, so a receiver reads
 * the last {@link #STAMP_BYTES} bytes of what arrived without decoding the rest. That keeps the
 * generator's per-delivery cost small next to the server's. Stateless and thread-safe.
 */
final class Stamp {
    static final int BODY_BYTES = 256;
    static final int STAMP_BYTES = 32;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FILLER = filler();

    private Stamp() {}

    /** A fresh body carrying {@code sequence} and {@code sentNanos}. */
    static byte[] body(long sequence, long sentNanos) {
        byte[] body = FILLER.clone();
        writeHex(body, BODY_BYTES - STAMP_BYTES, sequence);
        writeHex(body, BODY_BYTES - STAMP_BYTES / 2, sentNanos);
        return body;
    }

    /** The sequence number in the last {@link #STAMP_BYTES} readable bytes of {@code message}. */
    static long sequence(ByteBuf message) {
        return readHex(message, message.writerIndex() - STAMP_BYTES);
    }

    /** The send time in the last {@link #STAMP_BYTES} readable bytes of {@code message}. */
    static long sentNanos(ByteBuf message) {
        return readHex(message, message.writerIndex() - STAMP_BYTES / 2);
    }

    private static void writeHex(byte[] into, int at, long value) {
        for (int i = 15; i >= 0; i--) {
            into[at + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }

    private static long readHex(ByteBuf from, int at) {
        if (at < from.readerIndex()) {
            throw new IllegalArgumentException("message of " + from.readableBytes()
                    + " bytes is too short to carry a " + STAMP_BYTES + "-byte stamp");
        }
        long value = 0;
        for (int i = 0; i < 16; i++) {
            int digit = hexDigit(from.getByte(at + i));
            if (digit < 0) {
                throw new IllegalArgumentException("stamp byte " + i + " is not a hex digit");
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** The value of a lower-case hex digit (as {@link #writeHex} writes them), else -1. */
    private static int hexDigit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        return b >= 'a' && b <= 'f' ? b - 'a' + 10 : -1;
    }

    private static byte[] filler() {
        byte[] filler = new byte[BODY_BYTES];
        Arrays.fill(filler, (byte) '.');
        return filler;
    }
}
