package conclave.server;

import java.time.Duration;

/**
 * The server's clocks: how long a handshake may take, how often idle sessions are swept and after
 * how much silence they go, how often history is purged. Production uses {@link #DEFAULT}; tests
 * shorten them to exercise the same paths in milliseconds.
 */
record ServerTimings(Duration handshakeDeadline, Duration reapEvery, Duration idleLimit, Duration purgeEvery) {
    /** The protocol's values: 10 s handshake, sweep every 15 s, reap after 60 s, purge hourly. */
    static final ServerTimings DEFAULT = new ServerTimings(
            Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofHours(1));
}
