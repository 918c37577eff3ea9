package conclave.server;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * The recipients of one fan-out that were admitted to their bound, grouped by event loop, and
 * the message framed once per encoding they speak: on {@link #submit} each event loop gets one
 * task that writes a duplicate of the framed message to all of its sessions, instead of one task,
 * one frame object and one copy per session.
 *
 * <p>Buffer ownership: the batch creates one framed buffer per encoding in use, retains it once
 * per event-loop task (each task releases its reference when done; each session's duplicate is
 * released by Netty once written) and releases its own reference at the end of {@link #submit}.
 *
 * <p>Built and submitted by one thread; not thread-safe.
 */
final class FanOutBatch {
    private final SharedFrame frame;
    private final LoopFlushers flushers;
    private final ByteBuf[] framed = new ByteBuf[WireEncoding.values().length];
    private final Map<EventExecutor, List<SessionChannel>> byEventLoop = new HashMap<>();

    FanOutBatch(SharedFrame frame, LoopFlushers flushers) {
        this.frame = frame;
        this.flushers = flushers;
    }

    void add(SessionChannel session) {
        WireEncoding encoding = session.encoding();
        if (framed[encoding.ordinal()] == null) {
            framed[encoding.ordinal()] = WebSocketFraming.frame(encoding, frame.encoded(encoding));
        }
        byEventLoop.computeIfAbsent(session.eventLoop(), loop -> new ArrayList<>()).add(session);
    }

    /**
     * Hands every added session's copy of the message to its event loop; call once. Inside a
     * {@link FanOutBurst} the flush waits for the end of the burst.
     */
    void submit() {
        FanOutBurst burst = FanOutBurst.current();
        try {
            byEventLoop.forEach((loop, sessions) -> {
                LoopFlusher flusher = flushers.of(loop);
                retainAll();
                try {
                    loop.execute(() -> {
                        try {
                            SessionChannel.deliver(sessions, framed, flusher, burst == null);
                        } finally {
                            releaseAll();
                        }
                    });
                    if (burst != null) {
                        burst.touched(flusher);
                    }
                } catch (RejectedExecutionException shuttingDown) {
                    releaseAll(); // the event loop is gone, and its connections with it
                }
            });
        } finally {
            releaseAll();
        }
    }

    private void retainAll() {
        for (ByteBuf buffer : framed) {
            if (buffer != null) {
                buffer.retain();
            }
        }
    }

    private void releaseAll() {
        for (ByteBuf buffer : framed) {
            if (buffer != null) {
                buffer.release();
            }
        }
    }
}
