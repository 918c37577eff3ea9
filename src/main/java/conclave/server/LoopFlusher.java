package conclave.server;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Flushes the fan-out writes of one event loop's sessions together. A fan-out that leaves
 * sessions with unflushed frames queues one flush pass behind the loop's pending tasks, at once
 * or at the end of its {@link FanOutBurst}; every session written before the pass runs rides
 * along, so fan-outs that queue up behind each other cost each socket one write syscall, not one
 * per message.
 *
 * <p>Confined to its event loop, except construction and {@link #requestPass}.
 */
final class LoopFlusher {
    private final EventExecutor loop;
    private final List<SessionChannel> dirty = new ArrayList<>();
    private boolean scheduled;

    LoopFlusher(EventExecutor loop) {
        this.loop = loop;
    }

    /** Flushes {@code session} in the next pass; call once per session until that pass has run. */
    void add(SessionChannel session) {
        dirty.add(session);
    }

    /** Queues a pass from any thread; it runs after every task already queued on the loop. */
    void requestPass() {
        loop.execute(this::pass);
    }

    /** Queues the next pass, unless one is queued already or nothing waits for it. */
    void schedule() {
        if (scheduled || dirty.isEmpty()) {
            return;
        }
        scheduled = true;
        loop.execute(this::pass);
    }

    private void pass() {
        scheduled = false;
        for (SessionChannel session : dirty) {
            session.flush();
        }
        dirty.clear();
    }
}
