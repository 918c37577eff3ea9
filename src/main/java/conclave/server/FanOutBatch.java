package conclave.server;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * The recipients of one fan-out, grouped by event loop: on {@link #submit} each event loop gets
 * one task that frames the message once for its sessions and writes a duplicate of that buffer to
 * each of them, instead of one task, one frame object and one copy per session.
 *
 * <p>The message is encoded once per encoding on the submitting thread (through the shared
 * {@link SharedFrame}); each event loop frames its own copy so that the reference counting of a
 * framed buffer never crosses threads. Groups are found by identity in a short list: there are
 * only as many as event loops, and hashing a loop would touch memory its own thread writes.
 *
 * <p>Built and submitted by one thread; not thread-safe.
 */
final class FanOutBatch {
    private final SharedFrame frame;
    private final LoopFlushers flushers;
    private final boolean[] encoded = new boolean[WireEncoding.values().length];
    private final List<EventExecutor> loops = new ArrayList<>(4);
    private final List<List<SessionChannel>> groups = new ArrayList<>(4);

    FanOutBatch(SharedFrame frame, LoopFlushers flushers) {
        this.frame = frame;
        this.flushers = flushers;
    }

    void add(SessionChannel session) {
        WireEncoding encoding = session.encoding();
        if (!encoded[encoding.ordinal()]) {
            frame.encoded(encoding); // now, once, rather than by the first of several loops at once
            encoded[encoding.ordinal()] = true;
        }
        groupOf(session.eventLoop()).add(session);
    }

    /**
     * Hands every added session's copy of the message to its event loop; call once. Inside a
     * {@link FanOutBurst} the flush may wait for the burst's last request.
     */
    void submit() {
        FanOutBurst burst = FanOutBurst.current();
        for (int i = 0; i < loops.size(); i++) {
            EventExecutor loop = loops.get(i);
            List<SessionChannel> sessions = groups.get(i);
            LoopFlusher flusher = flushers.of(loop);
            boolean flushNow = burst == null || burst.fannedOut(flusher);
            try {
                loop.execute(() -> SessionChannel.deliver(sessions, frame, flusher, flushNow));
            } catch (RejectedExecutionException shuttingDown) {
                continue; // the event loop is gone, and its connections with it
            }
        }
    }

    private List<SessionChannel> groupOf(EventExecutor loop) {
        for (int i = 0; i < loops.size(); i++) {
            if (loops.get(i) == loop) {
                return groups.get(i);
            }
        }
        List<SessionChannel> group = new ArrayList<>();
        loops.add(loop);
        groups.add(group);
        return group;
    }
}
