package conclave.client;

import java.time.Duration;

/**
 * How long a {@link Link} waits before each re-dial: a pure function of the attempt number, how
 * long the last connection stayed up, and a random number for jitter. No clock, no state.
 *
 * <p>The nominal wait starts at {@link #FIRST} (200 ms; a link may start elsewhere, {@code tail}
 * starts at 1 s) and doubles per attempt up to {@link #CAP} (30 s): 0.2, 0.4, 0.8, 1.6, 3.2, 6.4,
 * 12.8, 25.6, 30, 30 … s. Jitter takes up to
 * {@link #JITTER} of it away, so links that lost one server together do not re-dial in lockstep,
 * and a wait never exceeds the nominal one. Only a connection that stayed up for
 * {@link #STABLE_UPTIME} (30 s) starts the sequence over when it drops; a connection killed right
 * after it came up (two sessions superseding each other) keeps escalating, and so does a failed
 * dial. The first dial of a link is immediate and is not an attempt.
 */
public final class LinkBackoff {
    /** The nominal wait before the first re-dial. */
    public static final Duration FIRST = Duration.ofMillis(200);
    /** The longest wait. */
    public static final Duration CAP = Duration.ofSeconds(30);
    /** How long a connection must have stayed up for its drop to start the sequence over. */
    public static final Duration STABLE_UPTIME = Duration.ofSeconds(30);
    /** The largest share of the nominal wait that jitter removes. */
    public static final double JITTER = 0.2;

    private LinkBackoff() {}

    /**
     * The wait before re-dial number {@code attempt}, starting from {@link #FIRST}.
     *
     * @see #delay(Duration, int, double)
     */
    public static Duration delay(int attempt, double random) {
        return delay(FIRST, attempt, random);
    }

    /**
     * The wait before re-dial number {@code attempt} of a sequence that starts at {@code first}.
     *
     * @param first the nominal wait before the first re-dial (positive, at most {@link #CAP})
     * @param attempt how many re-dials came before this one since the link was last stable
     *     (0-based, not negative)
     * @param random a uniform random number in [0, 1); 0 gives the nominal wait exactly
     * @throws IllegalArgumentException if {@code first} is not in (0, CAP], {@code attempt} is
     *     negative or {@code random} is out of range
     */
    public static Duration delay(Duration first, int attempt, double random) {
        requireFirst(first);
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt : " + attempt + " (expected: >= 0)");
        }
        if (!(random >= 0 && random < 1)) {
            throw new IllegalArgumentException("random : " + random + " (expected: in [0, 1))");
        }
        long nominal = first.toMillis();
        // At most log2(CAP / 1 ms) ≈ 15 rounds, whatever the attempt number: no shift can overflow.
        for (int doubled = 0; doubled < attempt && nominal < CAP.toMillis(); doubled++) {
            nominal *= 2;
        }
        nominal = Math.min(nominal, CAP.toMillis());
        long jitter = (long) (nominal * JITTER * random);
        return Duration.ofMillis(nominal - jitter);
    }

    /**
     * Checks a first wait for {@link #delay(Duration, int, double)}.
     *
     * @throws IllegalArgumentException unless {@code first} is at least 1 ms and at most {@link #CAP}
     */
    static Duration requireFirst(Duration first) {
        if (first == null || first.toMillis() < 1 || first.compareTo(CAP) > 0) {
            throw new IllegalArgumentException("first : " + first + " (expected: in [1ms, " + Durations.text(CAP) + "])");
        }
        return first;
    }

    /**
     * The attempt number to continue from once a connection that stayed up for {@code upFor}
     * has dropped: 0 after {@link #STABLE_UPTIME} or more, {@code attempt} unchanged otherwise.
     */
    public static int attemptAfterDrop(int attempt, Duration upFor) {
        return upFor.compareTo(STABLE_UPTIME) >= 0 ? 0 : attempt;
    }
}
