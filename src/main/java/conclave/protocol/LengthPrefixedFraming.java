package conclave.protocol;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Frames over a plain byte stream (reference/server.md §1.3): a 4-byte big-endian length, then
 * that many bytes of one encoded frame. Used by in-process test transports; WebSocket messages
 * carry frames without it. Stateless and thread-safe; the streams are the caller's.
 */
public final class LengthPrefixedFraming {
    private LengthPrefixedFraming() {}

    /** Writes one encoded frame with its length prefix and flushes. */
    public static void write(OutputStream out, byte[] encodedFrame) throws IOException {
        if (encodedFrame.length > Frame.MAX_ENCODED_BYTES) {
            throw new IllegalArgumentException("frame of " + encodedFrame.length
                    + " bytes exceeds the " + Frame.MAX_ENCODED_BYTES + "-byte cap");
        }
        int length = encodedFrame.length;
        out.write(new byte[] {
            (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length
        });
        out.write(encodedFrame);
        out.flush();
    }

    /**
     * Reads one length-prefixed frame's bytes. The length is checked against the 16 MiB cap
     * before anything is allocated.
     *
     * @throws EOFException if the stream ends, whether between frames or inside one
     * @throws DecodeException if the length is over {@link Frame#MAX_ENCODED_BYTES}
     */
    public static byte[] read(InputStream in) throws IOException, DecodeException {
        var data = new DataInputStream(in);
        long length = Integer.toUnsignedLong(data.readInt());
        if (length > Frame.MAX_ENCODED_BYTES) {
            throw new DecodeException("length prefix " + length + " exceeds the "
                    + Frame.MAX_ENCODED_BYTES + "-byte cap");
        }
        byte[] frame = new byte[(int) length];
        data.readFully(frame);
        return frame;
    }
}
