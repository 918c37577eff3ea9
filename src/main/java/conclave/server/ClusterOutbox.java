package conclave.server;

import conclave.server.cluster.ClusterBus;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events this instance sends to the others, in the order they were queued: one thread takes
 * them in batches, encodes them and publishes each batch on the bus. Queueing never blocks; a full
 * queue ({@value #CAPACITY} events) drops the event, which heartbeats (presence) and the channel
 * gap wait (messages) recover from. Thread-safe.
 */
final class ClusterOutbox implements AutoCloseable {
    static final int CAPACITY = 65_536;
    private static final int BATCH = 512;
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterOutbox.class);

    private final ClusterBus bus;
    private final String origin;
    private final ClusterCodec codec = new ClusterCodec();
    private final BlockingQueue<ClusterEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread sender;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closing;
    private long lastWarnNanos = System.nanoTime() - WARN_EVERY_NANOS; // sender thread only

    ClusterOutbox(ClusterBus bus, String origin) {
        this.bus = bus;
        this.origin = origin;
        this.sender = new DefaultThreadFactory("conclave-cluster-out", true).newThread(this::run);
    }

    void start() {
        sender.start();
    }

    /** Queues {@code event} for every other instance; false (and counted) if the queue is full. */
    boolean offer(ClusterEvent event) {
        if (queue.offer(event)) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    private void run() {
        List<ClusterEvent> batch = new ArrayList<>(BATCH);
        List<byte[]> encoded = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                ClusterEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                return; // halted
            }
            queue.drainTo(batch, BATCH - 1);
            for (ClusterEvent event : batch) {
                encoded.add(codec.encode(origin, event));
            }
            try {
                bus.publish(encoded);
            } catch (RuntimeException failed) {
                warn("cluster bus publish failed events={}: {}", batch.size(), failed.getMessage());
            }
            batch.clear();
            encoded.clear();
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                warn("cluster outbox full: dropped events={}", lost);
            }
        }
    }

    /** Logs at most one warning per ten seconds: a bus that is down would otherwise flood the log. */
    private void warn(String format, Object... arguments) {
        long now = System.nanoTime();
        if (now - lastWarnNanos >= WARN_EVERY_NANOS) {
            lastWarnNanos = now;
            LOG.warn(format, arguments);
        }
    }

    /** Sends what is queued (within {@code waitMillis}), then stops. */
    void drain(long waitMillis) {
        closing = true;
        try {
            sender.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
    }

    /** Stops at once; whatever is queued is lost. */
    @Override
    public void close() {
        closing = true;
        queue.clear();
        sender.interrupt();
    }
}
