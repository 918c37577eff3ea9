package conclave.server;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The fan-outs that one thread makes while it runs a burst of one session's requests (the frames
 * of one socket read, typically): their flush passes wait for the end of the burst, so the
 * messages of one read leave in one write per recipient instead of one write per message and
 * recipient. Outside a burst a fan-out flushes at once.
 *
 * <p>Confined to the thread that began it.
 */
final class FanOutBurst {
    private static final ThreadLocal<FanOutBurst> CURRENT = new ThreadLocal<>();

    private final Set<LoopFlusher> touched = new LinkedHashSet<>();

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

    /** Remembers that {@code flusher} has fan-out writes of this burst waiting for a pass. */
    void touched(LoopFlusher flusher) {
        touched.add(flusher);
    }

    /**
     * Asks every loop this burst wrote to for a flush pass. Each loop runs it after the burst's
     * writes, which were queued on it earlier.
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
