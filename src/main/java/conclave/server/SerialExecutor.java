package conclave.server;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one session's tasks one after another, in submission order, on a shared pool. Each task
 * happens-before the next, so the session machine behind it needs no locks of its own.
 * Thread-safe. The queue holds at most a handful of tasks: the transport submits a frame only
 * after the previous one finished, plus at most a timeout and a close.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final Object lock = new Object();
    /** Guarded by lock. */
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    /** Guarded by lock. */
    private boolean running;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (lock) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        pool.execute(this::drain);
    }

    /**
     * Runs tasks until the queue is empty, in {@link FanOutBurst}s: a burst is the task taken
     * when the previous burst ended together with every task queued behind it at that moment
     * (for a session, the frames of one socket read), so their fan-outs are flushed together,
     * while a task that arrives later never holds back the delivery of an earlier one.
     */
    private void drain() {
        FanOutBurst burst = FanOutBurst.begin();
        try {
            int leftInBurst = 0;
            while (true) {
                Runnable next;
                synchronized (lock) {
                    next = tasks.poll();
                    if (next == null) {
                        running = false;
                        return;
                    }
                    if (leftInBurst == 0) {
                        leftInBurst = tasks.size() + 1;
                    }
                }
                burst.lastRequest(leftInBurst == 1);
                try {
                    next.run();
                } catch (RuntimeException | Error bug) {
                    // A failing task must not wedge the session's queue; the bug is logged, not hidden.
                    LOG.error("session task failed", bug);
                }
                if (--leftInBurst == 0) {
                    burst.flush();
                }
            }
        } finally {
            burst.end();
        }
    }
}
