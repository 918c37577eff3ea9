package conclave.server.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-size histogram of latencies in nanoseconds: log-linear buckets, exact below 128 ns and
 * within 1/128 (0.8 %) of the true value above, whatever the count. It never allocates while
 * recording, so recording a million deliveries a second costs the generator no garbage.
 *
 * <p>Bucket layout: a value below {@code 2^SUB_BITS} has its own bucket. A larger value with
 * highest set bit {@code e} keeps its top {@code SUB_BITS + 1} bits: 128 buckets per power of
 * two. Percentiles report the highest value of the bucket that holds the rank, so they may
 * overstate by the bucket width, never understate.
 *
 * <p>Thread-safe: any number of threads may record while another reads; a read during
 * recording sees some consistent-enough subset (each count is exact, their sum may lag).
 */
final class LatencyRecorder {
    private static final int SUB_BITS = 7;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    /** Enough buckets for every non-negative long: highest bit 62 is bucket row 56. */
    private static final int BUCKETS = (63 - SUB_BITS + 1) * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong max = new AtomicLong();

    /** Records one latency; a negative value (clock skew) counts as zero. */
    void record(long nanos) {
        long value = Math.max(0, nanos);
        counts.incrementAndGet(index(value));
        long seen = max.get();
        while (value > seen && !max.compareAndSet(seen, value)) {
            seen = max.get();
        }
    }

    /** How many values were recorded. */
    long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The largest value recorded, exactly; 0 if none. */
    long max() {
        return max.get();
    }

    /**
     * The value at {@code percentile} (the smallest recorded value that at least that share of
     * the values do not exceed), rounded up to its bucket's highest value.
     *
     * @throws IllegalArgumentException if {@code percentile} is not in (0, 100]
     * @throws IllegalStateException if nothing was recorded
     */
    long percentile(double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile : " + percentile + " (expected: > 0 and <= 100)");
        }
        long total = count();
        if (total == 0) {
            throw new IllegalStateException("no latency was recorded");
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(highestInBucket(i), max.get());
            }
        }
        return max.get(); // only if counts moved under us; the max is a safe answer
    }

    static int index(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int highestBit = 63 - Long.numberOfLeadingZeros(value);
        int shift = highestBit - SUB_BITS;
        int mantissa = (int) (value >>> shift); // in [SUB_BUCKETS, 2 * SUB_BUCKETS)
        return (shift + 1) * SUB_BUCKETS + (mantissa - SUB_BUCKETS);
    }

    static long highestInBucket(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int shift = index / SUB_BUCKETS - 1;
        long mantissa = index % SUB_BUCKETS + SUB_BUCKETS;
        return ((mantissa + 1) << shift) - 1;
    }
}
