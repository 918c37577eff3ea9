package conclave.server;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recipients of one fan-out that were admitted to their bound, grouped by event loop: on
 * {@link #submit} each event loop gets one task that writes the frame to all of its sessions,
 * instead of one task per session. Built and submitted by one thread; not thread-safe.
 */
final class FanOutBatch {
    private final SharedFrame frame;
    private final Map<EventExecutor, List<SessionChannel>> byEventLoop = new HashMap<>();

    FanOutBatch(SharedFrame frame) {
        this.frame = frame;
    }

    void add(SessionChannel session) {
        byEventLoop.computeIfAbsent(session.eventLoop(), loop -> new ArrayList<>()).add(session);
    }

    /** Hands every added session's copy of the frame to its event loop. */
    void submit() {
        byEventLoop.forEach((loop, sessions) -> loop.execute(() -> SessionChannel.deliver(sessions, frame)));
    }
}
