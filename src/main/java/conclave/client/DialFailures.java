package conclave.client;

import java.util.Optional;

/**
 * Decides when a link that keeps failing to connect tells its listener (SPEC §6.12): on the
 * {@link #NOTICE_AFTER third} consecutive failure, and after that whenever the reason changes
 * (say from "connection refused" to "authentication rejected"). A single failure, or a run of
 * identical ones past the third, stays quiet; a successful handshake starts over. No I/O.
 *
 * <p>Not thread-safe: confined to the link's event loop.
 */
final class DialFailures {
    /** The consecutive failure that produces the first notice. */
    static final int NOTICE_AFTER = 3;

    private int consecutive;
    private String lastReason;

    /**
     * Records a failed attempt.
     *
     * @return the notice to give, if this failure warrants one
     */
    Optional<LinkEvent.DialFailing> failed(String reason) {
        consecutive++;
        boolean changed = lastReason != null && !lastReason.equals(reason);
        lastReason = reason;
        if (consecutive == NOTICE_AFTER || (consecutive > NOTICE_AFTER && changed)) {
            return Optional.of(new LinkEvent.DialFailing(consecutive, reason));
        }
        return Optional.empty();
    }

    /** Records a successful handshake: the next failure is the first again. */
    void succeeded() {
        consecutive = 0;
        lastReason = null;
    }

    /** Failures since the last success. */
    int consecutive() {
        return consecutive;
    }
}
