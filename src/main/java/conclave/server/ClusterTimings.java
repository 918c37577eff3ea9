package conclave.server;

import java.time.Duration;

/**
 * The cluster bus's clocks: how often an instance says it is alive, after how much silence the
 * others count it dead (and its sessions gone), and how long a channel waits for a message that
 * must come before one already received. Tests shorten them.
 */
record ClusterTimings(Duration heartbeatEvery, Duration silenceLimit, Duration gapWait) {
    /** A heartbeat every 5 s, dead after 30 s of silence, a missing message waited for 3 s. */
    static final ClusterTimings DEFAULT =
            new ClusterTimings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(3));
}
