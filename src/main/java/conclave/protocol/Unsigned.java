package conclave.protocol;

/**
 * Range checks for the wire's unsigned integers, which Java holds in signed {@code long}s.
 *
 * <p>A u32 fits a {@code long} exactly and is checked to 0..2^32-1. A u64 is held as its raw 64
 * bits (values above {@link Long#MAX_VALUE} look negative) and needs no check.
 */
final class Unsigned {
    static final long U32_MAX = 0xFFFF_FFFFL;

    private Unsigned() {}

    /** Returns {@code value} if it is a u32, else throws naming the field. */
    static long requireU32(String field, long value) {
        if (value < 0 || value > U32_MAX) {
            throw new IllegalArgumentException(
                    field + " must be a u32 (0.." + U32_MAX + "), was " + value);
        }
        return value;
    }
}
