package conclave.server.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The two fan-out measurements, written once for every {@link FanOutSystem}:
 *
 * <ul>
 *   <li>{@link #throughput}: the publisher sends as fast as it may while staying at most
 *       {@code window} messages ahead of the slowest live subscriber, so what is measured is the
 *       rate the server delivers at, not the depth of a queue somewhere;
 *   <li>{@link #latency}: the publisher sends at a fixed rate, each body stamped with its send
 *       time, and every subscriber records publish-to-delivery time ({@code System.nanoTime} is
 *       comparable: publisher and subscribers share this JVM).
 * </ul>
 *
 * Each phase has a warm-up that is not counted, then a measured window, then waits (bounded)
 * for the subscribers to catch up. Sequence numbers run on across phases. One thread only.
 */
final class FanOutBench {
    private static final long IDLE_PARK_NANOS = 100_000;
    private static final int MAX_BATCH = 64;
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(15);

    /** The outcome of a throughput phase; CPU is in cores (1.0 = one core busy for the whole window). */
    record Throughput(double deliveriesPerSecond, double messagesPerSecond, double serverCores,
            double generatorCores, long lost, long gaps, long unconfirmed, long publishErrors, boolean drained) {}

    /** The outcome of a latency phase; times in nanoseconds. */
    record Latency(double offeredDeliveriesPerSecond, long p50, long p99, long p999, long max, long samples,
            long expectedSamples, double serverCores, double generatorCores, long lost, long gaps, boolean drained) {}

    private final FanOutSystem system;
    private final Deliveries deliveries;
    private long sent;

    FanOutBench(FanOutSystem system, Deliveries deliveries) {
        this.system = system;
        this.deliveries = deliveries;
    }

    Throughput throughput(int window, Duration warmup, Duration measure) {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        Snapshot first = null;
        while (true) {
            long now = System.nanoTime();
            if (first == null && now - measureFrom >= 0) {
                first = snapshot();
            }
            if (now - end >= 0) {
                break;
            }
            long slowest = deliveries.slowest();
            if (slowest == Long.MAX_VALUE) {
                break; // every subscriber is gone
            }
            long room = window - (sent - slowest);
            if (room <= 0) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            List<byte[]> bodies = new ArrayList<>((int) Math.min(room, MAX_BATCH));
            for (int i = 0; i < room && i < MAX_BATCH; i++) {
                bodies.add(Stamp.body(sent++, System.nanoTime()));
            }
            system.publish(bodies);
        }
        Snapshot last = snapshot();
        if (first == null) {
            first = last;
        }
        boolean drained = drain();
        double seconds = Math.max(1e-9, (last.nanos - first.nanos) / 1e9);
        double deliveriesPerSecond = (last.delivered - first.delivered) / seconds;
        long unconfirmed = system.confirmed() < 0 ? 0 : sent - system.confirmed();
        return new Throughput(deliveriesPerSecond, deliveriesPerSecond / Math.max(1, deliveries.size()),
                cores(first.serverCpu, last.serverCpu, seconds), cores(first.generatorCpu, last.generatorCpu, seconds),
                deliveries.lost(), deliveries.gaps(), unconfirmed, system.publishErrors(), drained);
    }

    Latency latency(int messagesPerSecond, Duration warmup, Duration measure) {
        long period = 1_000_000_000L / messagesPerSecond;
        long warmupMessages = warmup.toSeconds() * messagesPerSecond;
        long measuredMessages = measure.toSeconds() * messagesPerSecond;
        long firstMeasured = sent + warmupMessages;
        deliveries.measureFrom(firstMeasured);
        long start = System.nanoTime();
        Snapshot first = null;
        for (long i = 0; i < warmupMessages + measuredMessages; i++) {
            if (i == warmupMessages) {
                first = snapshot();
            }
            long due = start + i * period;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            system.publish(List.of(Stamp.body(sent++, System.nanoTime())));
        }
        Snapshot last = snapshot();
        if (first == null) {
            first = last;
        }
        boolean drained = drain();
        deliveries.measureFrom(Long.MAX_VALUE);
        double seconds = Math.max(1e-9, (last.nanos - first.nanos) / 1e9);
        LatencyRecorder latency = deliveries.latency();
        long samples = latency.count();
        long live = deliveries.size() - deliveries.lost();
        return new Latency((double) messagesPerSecond * deliveries.size(),
                samples == 0 ? 0 : latency.percentile(50), samples == 0 ? 0 : latency.percentile(99),
                samples == 0 ? 0 : latency.percentile(99.9), latency.max(), samples, measuredMessages * live,
                cores(first.serverCpu, last.serverCpu, seconds), cores(first.generatorCpu, last.generatorCpu, seconds),
                deliveries.lost(), deliveries.gaps(), drained);
    }

    /** Waits until every live subscriber has everything sent (and the publisher every confirmation). */
    private boolean drain() {
        long deadline = System.nanoTime() + DRAIN_DEADLINE.toNanos();
        while (System.nanoTime() - deadline < 0) {
            long slowest = deliveries.slowest();
            boolean delivered = slowest == Long.MAX_VALUE || slowest >= sent;
            boolean confirmed = system.confirmed() < 0 || system.confirmed() + system.publishErrors() >= sent;
            if (delivered && confirmed) {
                return true;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return false;
    }

    private Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), deliveries.total(), system.serverCpuTime(), generatorCpu());
    }

    private static Duration generatorCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static double cores(Duration from, Duration to, double seconds) {
        return (to.toNanos() - from.toNanos()) / 1e9 / seconds;
    }

    private record Snapshot(long nanos, long delivered, Duration serverCpu, Duration generatorCpu) {}
}
