package conclave.protocol;

import java.nio.ByteBuffer;

/**
 * The binary encoding of frames, byte for byte the Rust original's (bincode 2, standard
 * configuration; reference/server.md §1.4–§1.5), and of the {@link Payload} blobs kept in
 * history.
 *
 * <p>The encoder always writes the minimal form. The decoder is exactly as lenient as the
 * original's (see {@code BincodeReader}), ignores bytes after a complete value and reports how
 * many it used. On bad input of any shape or size it throws {@link DecodeException} and nothing
 * else, and it never allocates for a length the input cannot hold. Stateless and thread-safe.
 */
public final class BincodeCodec {
    /** What a decode produced: the frame and how many input bytes it took. */
    public record Decoded(Frame frame, int bytesUsed) {}

    private static final int INITIAL_BUFFER_BYTES = 128;

    /** The encoded frame. */
    public byte[] encode(Frame frame) {
        return BincodeFrameEncoder.frame(new BincodeWriter(INITIAL_BUFFER_BYTES), frame)
                .toByteArray();
    }

    /**
     * Decodes one frame from the start of {@code in}; any bytes after it are ignored.
     *
     * @throws DecodeException if {@code in} is over {@link Frame#MAX_ENCODED_BYTES} or does not
     *     start with a valid frame
     */
    public Decoded decode(byte[] in) throws DecodeException {
        return decode(ByteBuffer.wrap(in));
    }

    /**
     * Decodes one frame from {@code in}'s position up to its limit; any bytes after it are
     * ignored. The buffer's position and limit are left unchanged.
     *
     * @throws DecodeException if the remaining bytes are over {@link Frame#MAX_ENCODED_BYTES} or
     *     do not start with a valid frame
     */
    public Decoded decode(ByteBuffer in) throws DecodeException {
        requireWithinCap(in.remaining());
        var reader = new BincodeReader(in);
        Frame frame = read(reader, BincodeFrameDecoder::frame);
        return new Decoded(frame, reader.bytesUsed());
    }

    /** The stored form of a message body: the {@code Payload} enum alone. */
    public byte[] encodePayload(Payload payload) {
        return BincodeFrameEncoder.payload(new BincodeWriter(INITIAL_BUFFER_BYTES), payload)
                .toByteArray();
    }

    /**
     * Decodes a stored message body; bytes after it are ignored, as after a frame.
     *
     * @throws DecodeException if {@code blob} does not start with a valid payload
     */
    public Payload decodePayload(byte[] blob) throws DecodeException {
        requireWithinCap(blob.length);
        return read(new BincodeReader(ByteBuffer.wrap(blob)), BincodeFrameDecoder::payload);
    }

    /** Turns a record's own check, were it ever stricter than the wire, into a decode error. */
    private static <T> T read(BincodeReader reader, BincodeReader.Element<T> value)
            throws DecodeException {
        try {
            return value.read(reader);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(e.getMessage(), e);
        }
    }

    private static void requireWithinCap(int size) throws DecodeException {
        if (size > Frame.MAX_ENCODED_BYTES) {
            throw new DecodeException("frame of " + size + " bytes exceeds the "
                    + Frame.MAX_ENCODED_BYTES + "-byte cap");
        }
    }
}
