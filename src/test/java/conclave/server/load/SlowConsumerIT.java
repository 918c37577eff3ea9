package conclave.server.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import conclave.protocol.Frame;
import conclave.protocol.SessionPath;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Slow consumer: a channel with many subscribers on a {@code conclave serve} process, one of which
 * stops reading its socket while a publisher sends, first at a fixed rate, then as fast as the
 * other subscribers take it. It is force-dropped and every other subscriber still receives every
 * message; their p99 publish-to-delivery latency at the fixed rate is printed next to a run where
 * nobody stalls (a measurement, recorded in RELIABILITY.md, not asserted: a
 * loaded 2-core machine makes latency ratios noisy).
 *
 * <p>Sized by system properties so that {@code verify} stays quick and the {@code reliability}
 * profile runs the full size: {@code conclave.faults.subscribers} (default 100),
 * {@code conclave.faults.rate} messages/s (default 200), {@code conclave.faults.seconds} measured
 * (default 5).
 */
class SlowConsumerIT {
    private static final int SUBSCRIBERS = Integer.getInteger("conclave.faults.subscribers", 100);
    private static final int RATE = Integer.getInteger("conclave.faults.rate", 200);
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("conclave.faults.seconds", 5));
    private static final Duration WARMUP = Duration.ofSeconds(3);
    private static final int CLIENT_THREADS = 2;
    /** A small receive window makes the stalled socket back up into the server's queue within seconds. */
    private static final int STALLED_RECEIVE_BUFFER = 4096;
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(30);
    private static final int FLOOD_WINDOW = 512;
    private static final Duration FLOOD_STEP = Duration.ofSeconds(2);
    private static final Duration FLOOD_DEADLINE = Duration.ofSeconds(180);
    private static final String SLOW_CONSUMER = "unauthorized: slow consumer: outbound queue overflowed";

    @Test
    void oneSubscriberStopsReading_isForceDropped_andTheOthersReceiveEverything() throws Exception {
        FanOutBench.Latency steady = run(false);
        FanOutBench.Latency stalled = run(true);

        System.out.printf("slow consumer: %d subscribers, %d messages/s, %d s measured%n",
                SUBSCRIBERS, RATE, MEASURE.toSeconds());
        System.out.printf("  no stall:  p50 %.2f ms  p99 %.2f ms  max %.2f ms%n",
                steady.p50() / 1e6, steady.p99() / 1e6, steady.max() / 1e6);
        System.out.printf("  one stall: p50 %.2f ms  p99 %.2f ms  max %.2f ms%n",
                stalled.p50() / 1e6, stalled.p99() / 1e6, stalled.max() / 1e6);
        System.out.printf("  p99 ratio stall / no stall: %.2f%n", (double) stalled.p99() / Math.max(1, steady.p99()));
    }

    /**
     * One fan-out run: {@code SUBSCRIBERS - 1} measured subscribers plus one more session on its
     * own client. If {@code stall}, that session stops reading before the measured phase; loopback
     * lets the kernel buffer megabytes for it, so after the measured phase the publisher floods
     * (paced by the measured subscribers) until the server's queue bound trips and drops it.
     */
    private static FanOutBench.Latency run(boolean stall) throws Exception {
        try (ServerProcess server = ServerProcess.conclave(List.of(), null)) {
            Deliveries deliveries = new Deliveries();
            try (ConclaveFanOut system = ConclaveFanOut.open(server, CLIENT_THREADS, SUBSCRIBERS - 1, deliveries);
                    LoadClient otherClient = new LoadClient("load-stalled", 1, server.address(), STALLED_RECEIVE_BUFFER);
                    LoadClient observerClient = new LoadClient("load-observer", 1, server.address())) {
                LoadConnection.Identity other = new LoadConnection.Identity("other", "box", LoadSigner.generate());
                LoadConnection extra = LoadClient.await(otherClient.connect(other, "extra", true));
                // it keeps writing pings while it stops reading, so it is never reaped as idle instead
                extra.keepalive(ConclaveFanOut.KEEPALIVE);
                assertThat(LoadClient.await(extra.request(join()))).isInstanceOf(Frame.Joined.class);
                LoadConnection observer = LoadClient.await(observerClient.connect(other, "observer", false));
                if (stall) {
                    extra.reading(false);
                }
                FanOutBench bench = new FanOutBench(system, deliveries);

                FanOutBench.Latency result = bench.latency(RATE, WARMUP, MEASURE);
                assertEveryMessageDelivered(result.lost(), result.gaps(), result.drained());
                assertThat(result.samples()).as("deliveries measured").isEqualTo(result.expectedSamples());
                if (stall) {
                    long floodStart = System.nanoTime();
                    long deadline = floodStart + FLOOD_DEADLINE.toNanos();
                    while (present(observer, "extra")) {
                        assertThat(System.nanoTime() - deadline).as("stalled session dropped within %s of flood", FLOOD_DEADLINE)
                                .isNegative();
                        FanOutBench.Throughput flood = bench.throughput(FLOOD_WINDOW, Duration.ZERO, FLOOD_STEP);
                        assertEveryMessageDelivered(flood.lost(), flood.gaps(), flood.drained());
                    }
                    System.out.printf("slow consumer: dropped after %.1f s of flood at the measured subscribers' pace%n",
                            (System.nanoTime() - floodStart) / 1e9);
                    assertDropped(extra);
                }
                assertThat(present(observer, "extra")).as("extra session present").isEqualTo(!stall);
                return result;
            }
        }
    }

    private static void assertEveryMessageDelivered(long lost, long gaps, boolean drained) {
        assertThat(lost).as("measured subscribers whose connection ended").isZero();
        assertThat(gaps).as("messages a measured subscriber missed").isZero();
        assertThat(drained).as("every measured subscriber got every message").isTrue();
    }

    private static boolean present(LoadConnection observer, String handle) throws Exception {
        Frame presence = LoadClient.await(observer.request(new Frame.Who(Optional.of(ConclaveFanOut.CHANNEL))));
        assertThat(presence).isInstanceOf(Frame.Presence.class);
        return ((Frame.Presence) presence).sessions().stream().map(SessionPath::session).anyMatch(handle::equals);
    }

    /** Once the stalled session reads again it finds the slow-consumer error after what was queued, then the end. */
    private static void assertDropped(LoadConnection stalled) {
        stalled.reading(true);
        await().atMost(CLOSE_DEADLINE).until(() -> !stalled.isOpen());
        assertThat(stalled.lastError()).contains(SLOW_CONSUMER);
    }

    private static Frame join() {
        return new Frame.Join(ConclaveFanOut.CHANNEL, Optional.empty());
    }
}
