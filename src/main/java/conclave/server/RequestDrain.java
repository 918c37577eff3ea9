package conclave.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the request steps in flight across all sessions, so that a graceful stop can refuse new
 * ones and wait for the rest before it says goodbye. A step's fan-out reaches the other sessions'
 * queues before its own reply is written; a Close written to a recipient before that step ends
 * would overtake the message, which its sender then sees acked. Thread-safe, and cheap on the
 * request path: one atomic increment and decrement per step.
 */
final class RequestDrain {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object quiet = new Object();
    private volatile boolean draining;

    /** Counts a step about to run; false (and nothing counted) once the drain began. */
    boolean admit() {
        inFlight.incrementAndGet();
        if (draining) {
            done();
            return false;
        }
        return true;
    }

    /** Ends a step {@link #admit} counted. */
    void done() {
        if (inFlight.decrementAndGet() == 0 && draining) {
            synchronized (quiet) {
                quiet.notifyAll();
            }
        }
    }

    /**
     * Refuses every later step and waits up to {@code deadline} for the admitted ones to end.
     *
     * @return whether they all ended in time
     */
    boolean drain(Duration deadline) {
        draining = true;
        long end = System.nanoTime() + deadline.toNanos();
        synchronized (quiet) {
            while (inFlight.get() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(quiet, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }
}
