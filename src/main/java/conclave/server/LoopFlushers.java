package conclave.server;

import io.netty.util.concurrent.EventExecutor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link LoopFlusher} of each event loop, made on first use. Thread-safe. */
final class LoopFlushers {
    private final Map<EventExecutor, LoopFlusher> byLoop = new ConcurrentHashMap<>();

    LoopFlusher of(EventExecutor loop) {
        return byLoop.computeIfAbsent(loop, LoopFlusher::new);
    }
}
