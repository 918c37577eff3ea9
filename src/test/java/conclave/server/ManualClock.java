package conclave.server;

import java.time.Duration;
import java.time.Instant;

/** A clock tests move by hand; wall time and ticker advance together. */
final class ManualClock implements ServerClock {
    private Instant now;
    private long nanos;

    ManualClock(Instant start) {
        this.now = start;
    }

    synchronized void advance(Duration by) {
        now = now.plus(by);
        nanos += by.toNanos();
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized long nanos() {
        return nanos;
    }
}
