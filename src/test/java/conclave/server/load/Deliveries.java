package conclave.server.load;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * What the subscribers of one fan-out run received: a delivery count per subscriber (which the
 * publisher reads to stay a bounded number of messages ahead of the slowest), sequence gaps, and
 * the publish-to-delivery latency of the messages from {@link #measureFrom} on.
 *
 * <p>Threading: {@link #subscribe} runs before the run starts, on one thread. Each
 * {@link Subscriber} is then written by the one thread that reads its connection and read by
 * any thread.
 */
final class Deliveries {
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final LatencyRecorder latency = new LatencyRecorder();
    private volatile long measureFrom = Long.MAX_VALUE;

    /** A new subscriber's counters; call before publishing starts. */
    Subscriber subscribe() {
        Subscriber subscriber = new Subscriber();
        subscribers.add(subscriber);
        return subscriber;
    }

    int size() {
        return subscribers.size();
    }

    /** Latencies are recorded for messages with this sequence number or higher. */
    void measureFrom(long sequence) {
        measureFrom = sequence;
    }

    LatencyRecorder latency() {
        return latency;
    }

    /**
     * The fewest messages any live subscriber has received; subscribers whose connection ended
     * are left out (they are counted by {@link #lost}), so one lost connection cannot stall the
     * publisher. {@code Long.MAX_VALUE} if none is live.
     */
    long slowest() {
        long slowest = Long.MAX_VALUE;
        for (Subscriber subscriber : subscribers) {
            if (!subscriber.lost) {
                slowest = Math.min(slowest, subscriber.delivered);
            }
        }
        return slowest;
    }

    /** Deliveries to all subscribers so far. */
    long total() {
        long total = 0;
        for (Subscriber subscriber : subscribers) {
            total += subscriber.delivered;
        }
        return total;
    }

    /** Messages that some subscriber never got: skipped sequence numbers, summed. */
    long gaps() {
        return subscribers.stream().mapToLong(s -> s.gaps).sum();
    }

    /** Subscribers whose connection ended during the run. */
    long lost() {
        return subscribers.stream().filter(s -> s.lost).count();
    }

    /** One subscriber's counters. Written by one thread only. */
    final class Subscriber {
        private static final AtomicLongFieldUpdater<Subscriber> DELIVERED =
                AtomicLongFieldUpdater.newUpdater(Subscriber.class, "delivered");

        private volatile long delivered;
        private volatile long gaps;
        private volatile boolean lost;
        private long expected;

        /** One message arrived; {@code message}'s last bytes are its {@link Stamp}. */
        void delivered(ByteBuf message) {
            long now = System.nanoTime();
            long sequence = Stamp.sequence(message);
            if (sequence >= measureFrom) {
                latency.record(now - Stamp.sentNanos(message));
            }
            if (sequence != expected) {
                gaps += Math.max(0, sequence - expected);
            }
            expected = sequence + 1;
            DELIVERED.lazySet(this, delivered + 1); // one writer: a release store is enough
        }

        /** The connection ended; this subscriber no longer holds the publisher back. */
        void lost() {
            lost = true;
        }

        long delivered() {
            return delivered;
        }
    }
}
