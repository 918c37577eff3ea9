package conclave.server;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The fan-outs that one thread makes while it runs a burst of one session's requests (the frames
 * of one socket read, typically): their flush passes wait for the burst's last request, so the
 * messages of one read leave in one write per recipient instead of one write per message and
 * recipient. The last request's own fan-out, like any fan-out outside a burst, has its event
 * loops flush at once, right after writing, which also flushes the burst's earlier messages on
 * those loops; only loops it does not reach are asked for a pass when the burst ends. So a lone
 * message costs each event loop a single wake-up, as without bursts.
 *
 * <p>Confined to the thread that began it.
 */
final class FanOutBurst {
    private static final ThreadLocal<FanOutBurst> CURRENT = new ThreadLocal<>();

    private final Set<LoopFlusher> touched = new LinkedHashSet<>();
    private boolean lastRequest;

    private FanOutBurst() {}

    /** Begins a burst on this thread; the caller must {@link #end} it. */
    static FanOutBurst begin() {
        FanOutBurst burst = new FanOutBurst();
        CURRENT.set(burst);
        return burst;
    }

    /** The burst open on this thread, or null. */
    static FanOutBurst current() {
        return CURRENT.get();
    }

    /** Says whether the request about to run is the burst's last. */
    void lastRequest(boolean last) {
        lastRequest = last;
    }

    /**
     * Records a fan-out to {@code flusher}'s loop.
     *
     * @return true if that loop must flush at once (this is the burst's last request), false if
     *     the burst asks it for a pass later
     */
    boolean fannedOut(LoopFlusher flusher) {
        if (lastRequest) {
            touched.remove(flusher);
            return true;
        }
        touched.add(flusher);
        return false;
    }

    /**
     * Asks every loop this burst wrote to, and that is not flushing at once already, for a flush
     * pass. Each loop runs it after the burst's writes, which were queued on it earlier.
     */
    void flush() {
        touched.forEach(LoopFlusher::requestPass);
        touched.clear();
    }

    /** Flushes and closes the burst. */
    void end() {
        flush();
        CURRENT.remove();
    }
}
