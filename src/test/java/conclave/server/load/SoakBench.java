package conclave.server.load;

import conclave.protocol.AdminOp;
import conclave.protocol.BincodeCodec;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * The soak: many subscriber sessions spread evenly over many public channels, a few publisher
 * sessions posting round-robin to the channels at a fixed total rate for a long time, and the
 * server's heap after a full GC read once a minute. At the end the publishers stop, the
 * subscribers drain, and the result says whether every acked message reached every subscriber of
 * its channel and whether any session was cut.
 *
 * <p>Each channel numbers its messages on its own ({@link Stamp}), and each subscriber is in one
 * channel only, so a {@link Deliveries.Subscriber} sees a gap-free sequence exactly when it missed
 * nothing. Every session pings every 20 s, so none is reaped as idle. One thread drives it; a
 * second one reads the heap so that a slow {@code jcmd} never delays a publish.
 */
final class SoakBench {
    private static final BincodeCodec BINCODE = new BincodeCodec();
    private static final int CONNECT_CONCURRENCY = 100;
    private static final int CONNECT_BATCH = 200;
    private static final int PUBLISHERS = 10;
    private static final Duration SAMPLE_EVERY = Duration.ofMinutes(1);
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(120);

    /**
     * What to run.
     *
     * @param subscribers subscriber sessions in all, spread evenly over the channels
     * @param channels public channels, {@code soak-000} on
     * @param messagesPerSecond posts per second over all channels
     * @param duration how long the publishers post
     */
    record Shape(int subscribers, int channels, int messagesPerSecond, Duration duration) {
        Shape {
            if (subscribers % channels != 0 || messagesPerSecond % channels != 0) {
                throw new IllegalArgumentException("subscribers (" + subscribers + ") and messages/s ("
                        + messagesPerSecond + ") must be multiples of the channels (" + channels + ")");
            }
        }
    }

    /** The server's heap in use after a full GC, {@code minute} minutes into the publishing. */
    record HeapSample(int minute, long heapBytes, long rssBytes, double loadAverage) {}

    /**
     * What happened.
     *
     * @param published posts sent
     * @param acked posts the server acked
     * @param publishErrors replies to posts that were not acks
     * @param undelivered posts some subscriber of their channel did not get, summed over subscribers
     * @param gaps posts a subscriber skipped while later ones arrived, summed over subscribers
     * @param lostSessions sessions, publishers included, whose connection ended during the run
     * @param drained every subscriber got every post, and every post got its reply, within the drain deadline
     * @param p99Nanos publish-to-delivery p99 from the end of the first minute on
     */
    record Result(List<HeapSample> heap, long published, long acked, long publishErrors, long undelivered, long gaps,
            long lostSessions, boolean drained, long p50Nanos, long p99Nanos, long maxNanos, Duration connectTime) {
        /** Heap growth from the first minute's sample to the last one, as a fraction (0.1 = 10 %). */
        double heapGrowth() {
            return (double) heap.get(heap.size() - 1).heapBytes() / heap.get(0).heapBytes() - 1;
        }

        /** The report: the shape, a line per heap sample, then losses, cuts and latency. */
        void print(Shape shape, PrintStream out) {
            out.printf("  %,d subscribers on %d channels, %,d messages/s for %d min (%,d deliveries/s); connected in %.1f s%n",
                    shape.subscribers(), shape.channels(), shape.messagesPerSecond(), shape.duration().toMinutes(),
                    (long) shape.messagesPerSecond() * shape.subscribers() / shape.channels(), connectTime.toMillis() / 1e3);
            out.printf("  %6s %16s %16s %8s%n", "minute", "heap after GC", "RSS", "load");
            for (HeapSample sample : heap) {
                out.printf("  %6d %,16d %,16d %8.2f%n", sample.minute(), sample.heapBytes(), sample.rssBytes(),
                        sample.loadAverage());
            }
            out.printf("  heap growth minute 1 -> %d: %+.1f %%%n", heap.size(), heapGrowth() * 100);
            out.printf("  posts %,d, acked %,d, refused %d; undelivered %d, gaps %d, sessions cut %d, drained %s%n",
                    published, acked, publishErrors, undelivered, gaps, lostSessions, drained);
            out.printf("  publish to delivery after minute 1: p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                    p50Nanos / 1e6, p99Nanos / 1e6, maxNanos / 1e6);
            out.flush();
        }
    }

    private final ServerProcess server;
    private final int clientThreads;
    private final Shape shape;

    SoakBench(ServerProcess server, int clientThreads, Shape shape) {
        this.server = server;
        this.clientThreads = clientThreads;
        this.shape = shape;
    }

    Result run() throws Exception {
        LoadConnection.Identity identity = new LoadConnection.Identity("soak", "box", LoadSigner.generate());
        Deliveries deliveries = new Deliveries();
        try (LoadClient publisherClient = new LoadClient("soak-publishers", 1, server.address());
                LoadClient subscriberClient = new LoadClient("soak-subscribers", clientThreads, server.address())) {
            long connectStart = System.nanoTime();
            List<LoadConnection> publishers = openPublishers(publisherClient, identity);
            List<LoadConnection> subscribers = openSubscribers(subscriberClient, identity, deliveries);
            Duration connectTime = Duration.ofNanos(System.nanoTime() - connectStart);

            long perChannelPerMinute = (long) shape.messagesPerSecond() / shape.channels() * 60;
            deliveries.measureFrom(perChannelPerMinute);
            ExecutorService sampler = Executors.newSingleThreadExecutor();
            try {
                List<Future<HeapSample>> heap = new ArrayList<>();
                long start = System.nanoTime();
                long minutes = shape.duration().toMinutes();
                for (int minute = 1; minute <= minutes; minute++) {
                    int at = minute;
                    long due = start + SAMPLE_EVERY.toNanos() * minute;
                    heap.add(sampler.submit(() -> sampleAt(at, due)));
                }
                long published = publish(publishers, start);
                boolean drained = drain(publishers, deliveries, published);
                List<HeapSample> samples = new ArrayList<>();
                for (Future<HeapSample> sample : heap) {
                    samples.add(sample.get(5, TimeUnit.MINUTES));
                }
                long acked = publishers.stream().mapToLong(LoadConnection::acks).sum();
                long errors = publishers.stream().mapToLong(LoadConnection::errors).sum();
                long lost = deliveries.lost() + publishers.stream().filter(p -> !p.isOpen()).count();
                LatencyRecorder latency = deliveries.latency();
                return new Result(samples, published, acked, errors, undelivered(deliveries, published), deliveries.gaps(),
                        lost, drained, latency.percentile(50), latency.percentile(99), latency.max(), connectTime);
            } finally {
                sampler.shutdownNow();
            }
        }
    }

    /** Publisher {@code p} creates and joins channels p, p + PUBLISHERS, …; the first one registers the user. */
    private List<LoadConnection> openPublishers(LoadClient client, LoadConnection.Identity identity)
            throws IOException, InterruptedException {
        List<LoadConnection> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            LoadConnection publisher = LoadClient.await(client.connect(identity, String.format("pub-%02d", p), p == 0));
            publisher.keepalive(ConclaveFanOut.KEEPALIVE);
            publishers.add(publisher);
        }
        for (int c = 0; c < shape.channels(); c++) {
            LoadConnection publisher = publishers.get(c % PUBLISHERS);
            expect(publisher.request(new Frame.Admin(new AdminOp.CreateChannel(channel(c), Visibility.PUBLIC))), Frame.Ack.class);
            expect(publisher.request(new Frame.Join(channel(c), Optional.empty())), Frame.Joined.class);
        }
        return publishers;
    }

    /**
     * Subscriber {@code i} joins channel {@code i % channels}. They log in a batch at a time and
     * start pinging at once: on a loaded machine all of them take longer than the idle limit.
     */
    private List<LoadConnection> openSubscribers(LoadClient client, LoadConnection.Identity identity, Deliveries deliveries)
            throws IOException, InterruptedException {
        List<LoadConnection> subscribers = new ArrayList<>();
        for (int from = 0; from < shape.subscribers(); from += CONNECT_BATCH) {
            List<String> handles = IntStream.range(from, Math.min(from + CONNECT_BATCH, shape.subscribers()))
                    .mapToObj(i -> String.format("sub-%05d", i)).toList();
            List<LoadConnection> batch = client.connectAll(identity, handles, CONNECT_CONCURRENCY);
            List<CompletableFuture<Frame>> joins = new ArrayList<>();
            for (LoadConnection subscriber : batch) {
                subscriber.keepalive(ConclaveFanOut.KEEPALIVE);
                subscriber.subscriber(deliveries.subscribe());
                joins.add(subscriber.request(new Frame.Join(channel(subscribers.size() % shape.channels()), Optional.empty())));
                subscribers.add(subscriber);
            }
            for (CompletableFuture<Frame> join : joins) {
                expect(join, Frame.Joined.class);
            }
        }
        return subscribers;
    }

    /** Posts round-robin over the channels at the shape's rate until its duration is over; returns how many. */
    private long publish(List<LoadConnection> publishers, long start) {
        long period = 1_000_000_000L / shape.messagesPerSecond();
        long total = shape.duration().toSeconds() * shape.messagesPerSecond();
        for (long i = 0; i < total; i++) {
            long due = start + i * period;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int c = (int) (i % shape.channels());
            String body = new String(Stamp.body(i / shape.channels(), System.nanoTime()), StandardCharsets.US_ASCII);
            byte[] frame = BINCODE.encode(new Frame.ChannelMsg(channel(c), SessionPath.UNSTAMPED, new Payload.Plain(body)));
            publishers.get(c % PUBLISHERS).publish(List.of(frame));
        }
        return total;
    }

    /** Waits until every subscriber has its channel's share of the posts and every post its reply. */
    private boolean drain(List<LoadConnection> publishers, Deliveries deliveries, long published) {
        long perChannel = published / shape.channels();
        long deadline = System.nanoTime() + DRAIN_DEADLINE.toNanos();
        while (System.nanoTime() - deadline < 0) {
            long replies = publishers.stream().mapToLong(p -> p.acks() + p.errors()).sum();
            long slowest = deliveries.slowest(); // MAX_VALUE once every subscriber is lost
            if (slowest >= perChannel && replies >= published) {
                return true;
            }
            LockSupport.parkNanos(10_000_000);
        }
        return false;
    }

    private long undelivered(Deliveries deliveries, long published) {
        long perChannel = published / shape.channels();
        return (long) deliveries.size() * perChannel - deliveries.total();
    }

    private HeapSample sampleAt(int minute, long dueNanos) {
        for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        long heap = server.heapUsedAfterGc();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return new HeapSample(minute, heap, server.rssBytes(), load);
    }

    private static String channel(int index) {
        return String.format("soak-%03d", index);
    }

    private static void expect(CompletableFuture<Frame> reply, Class<? extends Frame> type)
            throws IOException, InterruptedException {
        Frame frame = LoadClient.await(reply);
        if (!type.isInstance(frame)) {
            throw new IOException("expected " + type.getSimpleName() + ", got " + frame);
        }
    }
}
