package conclave.server;

import java.time.Instant;

/** Wall-clock time for timestamps and a monotonic ticker for deadlines; injected so tests own time. */
interface ServerClock {
    /** Wall-clock time. */
    Instant now();

    /** Epoch milliseconds of {@link #now()}. */
    default long millis() {
        return now().toEpochMilli();
    }

    /** A monotonic ticker in nanoseconds, for idle and handshake deadlines. */
    long nanos();

    /** The real clocks. */
    static ServerClock system() {
        return new ServerClock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public long nanos() {
                return System.nanoTime();
            }
        };
    }
}
