package conclave.protocol;

import static conclave.protocol.BincodeWriter.SINGLE_BYTE_LIMIT;
import static conclave.protocol.BincodeWriter.U16_MARKER;
import static conclave.protocol.BincodeWriter.U32_MARKER;
import static conclave.protocol.BincodeWriter.U64_MARKER;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads bincode primitives (standard configuration) with the leniency of the Rust original's
 * decoder, bincode 2.0.1: a varint may use a wider form than needed, but never wider than its
 * field (u32 fields stop at the {@code 0xFC} form); {@code 0xFE} and {@code 0xFF} markers, bool and
 * option tags other than 0 and 1, invalid UTF-8 and short input are errors.
 *
 * <p>Every length and count is checked against the bytes left before anything is allocated, so
 * a lying length costs nothing. Each method names its field, which the error message repeats.
 * Reads the buffer with absolute gets and never moves its position. Not thread-safe; one per
 * decoding.
 */
final class BincodeReader {
    private static final int U128_MARKER = 0xFE;
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';
    /**
     * Lists start no bigger than this and grow as elements arrive: a count may be as large as
     * the bytes left (millions), and a truncated list should not pre-allocate for all of them.
     */
    private static final int MAX_INITIAL_LIST_CAPACITY = 64;

    private final ByteBuffer input;
    private final int start;
    private final int limit;
    private int position;

    BincodeReader(ByteBuffer input) {
        this.input = input;
        this.start = input.position();
        this.limit = input.limit();
        this.position = start;
    }

    /** How many bytes the reads so far have consumed. */
    int bytesUsed() {
        return position - start;
    }

    /** A u32 (also every enum variant index): varint forms up to {@code 0xFC}. */
    long u32(String field) throws DecodeException {
        return varint(field, U32_MARKER);
    }

    /** A u64 as its raw 64 bits: varint forms up to {@code 0xFD}. */
    long u64(String field) throws DecodeException {
        return varint(field, U64_MARKER);
    }

    /** A zigzag-encoded i64. */
    long i64(String field) throws DecodeException {
        long zigzag = varint(field, U64_MARKER);
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    /** A bool: exactly one byte, 0 or 1. */
    boolean bool(String field) throws DecodeException {
        int at = bytesUsed();
        int value = u8(field);
        if (value > 1) {
            throw error(field, at, "a bool must be 0 or 1, got " + value);
        }
        return value == 1;
    }

    /** A string: varint byte length, then strictly valid UTF-8. */
    String string(String field) throws DecodeException {
        int length = length(field);
        int at = bytesUsed();
        String text = input.hasArray()
                ? new String(input.array(), input.arrayOffset() + position, length, UTF_8)
                : new String(copyOf(position, length), UTF_8);
        // The JDK's fast decoder replaces each malformed sequence with U+FFFD, so text without
        // U+FFFD came from valid UTF-8 (and for Latin-1 text that check is free). Text with it is
        // decoded again strictly: the sender may have meant a real U+FFFD.
        if (text.indexOf(REPLACEMENT_CHARACTER) >= 0) {
            try {
                UTF_8.newDecoder().decode(ByteBuffer.wrap(copyOf(position, length)));
            } catch (CharacterCodingException e) {
                throw error(field, at, "invalid UTF-8");
            }
        }
        position += length;
        return text;
    }

    /** A byte vector: varint length, then the bytes. */
    Bytes bytes(String field) throws DecodeException {
        return Bytes.adopt(rawWithLength(field));
    }

    /** An {@code Option<String>}. */
    Optional<String> optionalString(String field) throws DecodeException {
        return optionTag(field) ? Optional.of(string(field)) : Optional.empty();
    }

    /** An {@code Option<u32>}. */
    Optional<Long> optionalU32(String field) throws DecodeException {
        return optionTag(field) ? Optional.of(u32(field)) : Optional.empty();
    }

    /** An {@code Option<u64>}, as raw 64 bits. */
    Optional<Long> optionalU64(String field) throws DecodeException {
        return optionTag(field) ? Optional.of(u64(field)) : Optional.empty();
    }

    /** An {@code Option<i64>}. */
    Optional<Long> optionalI64(String field) throws DecodeException {
        return optionTag(field) ? Optional.of(i64(field)) : Optional.empty();
    }

    /** A {@code Vec<T>}: varint element count, then each element. */
    <T> List<T> list(String field, Element<T> element) throws DecodeException {
        // Every element type of this protocol takes at least one byte, so a count above the
        // bytes left is a lie, refuted before any allocation.
        int count = length(field);
        List<T> items = new ArrayList<>(Math.min(count, MAX_INITIAL_LIST_CAPACITY));
        for (int i = 0; i < count; i++) {
            items.add(element.read(this));
        }
        return items;
    }

    /** Reads one list element. */
    @FunctionalInterface
    interface Element<T> {
        T read(BincodeReader in) throws DecodeException;
    }

    /** A failure found {@code at} bytes into the input while reading {@code field}. */
    DecodeException error(String field, int at, String problem) {
        return new DecodeException("`" + field + "` at byte " + at + ": " + problem);
    }

    private boolean optionTag(String field) throws DecodeException {
        int at = bytesUsed();
        int tag = u8(field);
        if (tag > 1) {
            throw error(field, at, "an option tag must be 0 or 1, got " + tag);
        }
        return tag == 1;
    }

    private byte[] rawWithLength(String field) throws DecodeException {
        int length = length(field);
        byte[] raw = copyOf(position, length);
        position += length;
        return raw;
    }

    private byte[] copyOf(int index, int length) {
        byte[] copy = new byte[length];
        input.get(index, copy);
        return copy;
    }

    /** A usize length or count, refused if it exceeds the bytes left. */
    private int length(String field) throws DecodeException {
        int at = bytesUsed();
        long length = varint(field, U64_MARKER);
        int left = limit - position;
        if (Long.compareUnsigned(length, left) > 0) {
            throw error(field, at, "length " + Long.toUnsignedString(length) + " exceeds the "
                    + left + " bytes left");
        }
        return (int) length;
    }

    private long varint(String field, int widestMarker) throws DecodeException {
        int at = bytesUsed();
        int marker = u8(field);
        if (marker < SINGLE_BYTE_LIMIT) {
            return marker;
        }
        return switch (marker) {
            case U16_MARKER -> littleEndian(field, 2);
            case U32_MARKER -> littleEndian(field, 4);
            case U64_MARKER -> {
                if (widestMarker < U64_MARKER) {
                    throw error(field, at, "a 64-bit varint is too wide for a u32");
                }
                yield littleEndian(field, 8);
            }
            case U128_MARKER -> throw error(field, at, "128-bit varints are not valid here");
            default -> throw error(field, at, "varint marker 0xff is reserved");
        };
    }

    private long littleEndian(String field, int width) throws DecodeException {
        require(field, width);
        long value = 0;
        for (int i = 0; i < width; i++) {
            value |= (input.get(position + i) & 0xFFL) << (8 * i);
        }
        position += width;
        return value;
    }

    private int u8(String field) throws DecodeException {
        require(field, 1);
        return input.get(position++) & 0xFF;
    }

    private void require(String field, int count) throws DecodeException {
        if (limit - position < count) {
            throw error(field, bytesUsed(), "unexpected end of input");
        }
    }
}
