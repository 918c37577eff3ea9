package conclave.client;

import java.util.Optional;

/**
 * Decides when a link that keeps failing to connect tells its listener (SPEC §6.12): on the
 * {@link #NOTICE_AFTER third} consecutive failure (or another threshold, see
 * {@link LinkOptions#dialNoticeAfter()}), and after that whenever the reason changes (say from
 * "connection refused" to "authentication rejected"). Failures before the threshold, or a run of
 * identical ones past it, stay quiet; a successful handshake starts over. No I/O.
 *
 * <p>Not thread-safe: confined to the link's event loop.
 */
final class DialFailures {
    /** The consecutive failure that produces the first notice. */
    static final int NOTICE_AFTER = 3;

    private final int noticeAfter;
    private int consecutive;
    private String lastReason;

    /** The policy of SPEC §6.12: the first notice on the third failure. */
    DialFailures() {
        this(NOTICE_AFTER);
    }

    /** The first notice on failure number {@code noticeAfter} (1 tells of every first failure). */
    DialFailures(int noticeAfter) {
        if (noticeAfter < 1) {
            throw new IllegalArgumentException("noticeAfter : " + noticeAfter + " (expected: > 0)");
        }
        this.noticeAfter = noticeAfter;
    }

    /**
     * Records a failed attempt.
     *
     * @return the notice to give, if this failure warrants one
     */
    Optional<LinkEvent.DialFailing> failed(String reason) {
        consecutive++;
        boolean changed = lastReason != null && !lastReason.equals(reason);
        lastReason = reason;
        if (consecutive == noticeAfter || (consecutive > noticeAfter && changed)) {
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
