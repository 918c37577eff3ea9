package conclave.server.cluster;

import java.util.List;
import java.util.function.Consumer;

/**
 * Carries opaque messages between the instances of one conclave. Every message an instance
 * publishes reaches every other instance on the bus at most once, in the order that instance
 * published it; nothing is promised across publishers, and a receiver that is away misses what
 * was sent meanwhile. Heartbeats and per-channel chaining above the bus cope with both. A bus
 * may hand an instance its own messages back; receivers tell them apart by their origin.
 *
 * <p>Thread-safety: {@link #publish} is called by one thread at a time; the receiver is called
 * on one bus thread, one message at a time.
 */
public interface ClusterBus extends AutoCloseable {
    /**
     * Starts delivering the messages of the other instances to {@code receiver}; called once.
     *
     * @throws ClusterBusException if the transport cannot be reached
     */
    void open(Consumer<byte[]> receiver);

    /**
     * Publishes {@code messages} in order. May block for one round trip to the transport.
     *
     * @throws ClusterBusException if the transport failed; some of the messages may have gone out
     */
    void publish(List<byte[]> messages);

    /** Leaves the bus at once: nothing more is sent or received. Later calls do nothing. */
    @Override
    void close();
}
