package conclave.client;

import java.time.Duration;

/** How durations read in messages: {@code 10s} when whole seconds, {@code 250ms} otherwise. */
final class Durations {
    private Durations() {}

    static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** Rejects null, zero and negative durations, naming the parameter. */
    static Duration requirePositive(Duration duration, String name) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " : " + duration + " (expected: > 0)");
        }
        return duration;
    }
}
