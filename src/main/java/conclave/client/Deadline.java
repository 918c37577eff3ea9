package conclave.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A whole-job time limit: the point in time by which a call must have finished, however many
 * reads and writes it takes (as distinct from a per-read timeout). It remembers its budget so a
 * failure can say {@code timed out after 30s}. Immutable and thread-safe.
 */
public final class Deadline {
    private final Duration budget;
    private final long expiresAtNanos;
    private final LongSupplier ticker;

    private Deadline(Duration budget, long expiresAtNanos, LongSupplier ticker) {
        this.budget = budget;
        this.expiresAtNanos = expiresAtNanos;
        this.ticker = ticker;
    }

    /**
     * The deadline {@code budget} from now on the system's monotonic clock.
     *
     * @throws IllegalArgumentException unless {@code budget} is positive
     */
    public static Deadline after(Duration budget) {
        return after(budget, System::nanoTime);
    }

    /** The deadline {@code budget} from now on {@code ticker} (nanoseconds, monotonic). */
    static Deadline after(Duration budget, LongSupplier ticker) {
        Durations.requirePositive(budget, "budget");
        requireNonNull(ticker, "ticker");
        return new Deadline(budget, ticker.getAsLong() + budget.toNanos(), ticker);
    }

    /** The time this deadline allowed when it was made. */
    public Duration budget() {
        return budget;
    }

    /** The time left, or zero once expired. */
    public Duration remaining() {
        long left = expiresAtNanos - ticker.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** True once no time is left. */
    public boolean expired() {
        return expiresAtNanos - ticker.getAsLong() <= 0;
    }

    @Override
    public String toString() {
        return "Deadline[budget=" + Durations.text(budget) + ", remaining=" + remaining().toMillis() + "ms]";
    }
}
