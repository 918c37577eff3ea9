package conclave.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Appends bincode primitives (standard configuration: little-endian, variable-length integers)
 * to a growing byte array. Always emits the minimal form. Methods return the writer so a field
 * list reads as one chain. Not thread-safe; one per encoding.
 */
final class BincodeWriter {
    static final int U16_MARKER = 0xFB;
    static final int U32_MARKER = 0xFC;
    static final int U64_MARKER = 0xFD;
    /** Values below this are written as their own single byte. */
    static final int SINGLE_BYTE_LIMIT = 251;

    private byte[] buffer;
    private int size;

    BincodeWriter(int initialCapacity) {
        buffer = new byte[Math.max(initialCapacity, 16)];
    }

    /** A copy of everything written so far. */
    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    /** An unsigned integer of any width (u32, u64, usize, variant index), as a varint. */
    BincodeWriter varint(long unsigned) {
        if (Long.compareUnsigned(unsigned, SINGLE_BYTE_LIMIT) < 0) {
            ensureRoom(1);
            buffer[size++] = (byte) unsigned;
        } else if (Long.compareUnsigned(unsigned, 0xFFFFL) <= 0) {
            ensureRoom(3);
            buffer[size++] = (byte) U16_MARKER;
            littleEndian(unsigned, 2);
        } else if (Long.compareUnsigned(unsigned, 0xFFFF_FFFFL) <= 0) {
            ensureRoom(5);
            buffer[size++] = (byte) U32_MARKER;
            littleEndian(unsigned, 4);
        } else {
            ensureRoom(9);
            buffer[size++] = (byte) U64_MARKER;
            littleEndian(unsigned, 8);
        }
        return this;
    }

    /** A signed 64-bit integer: zigzag-mapped so small magnitudes stay short, then a varint. */
    BincodeWriter zigzag(long signed) {
        return varint((signed << 1) ^ (signed >> 63));
    }

    /** A bool as one raw byte, 0 or 1. */
    BincodeWriter bool(boolean value) {
        ensureRoom(1);
        buffer[size++] = (byte) (value ? 1 : 0);
        return this;
    }

    /**
     * A string: its UTF-8 byte length as a varint, then the bytes. An unpaired surrogate, which
     * no decoder in this package produces, is written as {@code ?}.
     */
    BincodeWriter string(String value) {
        return rawWithLength(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A byte vector: its length as a varint, then the bytes. */
    BincodeWriter bytes(Bytes value) {
        return rawWithLength(value.array());
    }

    /** An {@code Option<String>}: tag byte 0, or tag byte 1 and the string. */
    BincodeWriter optionalString(Optional<String> value) {
        bool(value.isPresent());
        return value.isPresent() ? string(value.get()) : this;
    }

    /** An {@code Option<u32>} or {@code Option<u64>}: tag byte 0, or tag byte 1 and the varint. */
    BincodeWriter optionalVarint(Optional<Long> value) {
        bool(value.isPresent());
        return value.isPresent() ? varint(value.get()) : this;
    }

    /** An {@code Option<i64>}: tag byte 0, or tag byte 1 and the zigzag varint. */
    BincodeWriter optionalZigzag(Optional<Long> value) {
        bool(value.isPresent());
        return value.isPresent() ? zigzag(value.get()) : this;
    }

    /** A {@code Vec<T>}: the element count as a varint, then each element. */
    <T> BincodeWriter list(List<T> items, BiConsumer<BincodeWriter, T> element) {
        varint(items.size());
        for (T item : items) {
            element.accept(this, item);
        }
        return this;
    }

    private BincodeWriter rawWithLength(byte[] raw) {
        varint(raw.length);
        ensureRoom(raw.length);
        System.arraycopy(raw, 0, buffer, size, raw.length);
        size += raw.length;
        return this;
    }

    private void littleEndian(long value, int width) {
        for (int i = 0; i < width; i++) {
            buffer[size++] = (byte) (value >>> (8 * i));
        }
    }

    private void ensureRoom(int needed) {
        if (buffer.length - size < needed) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + needed));
        }
    }
}
