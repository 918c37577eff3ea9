package conclave.server.load;

import conclave.protocol.AdminOp;
import conclave.protocol.BincodeCodec;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * conclave in the fan-out shape: one registered user, a publisher session and N subscriber
 * sessions (same key, distinct handles) joined to one public channel. Subscribers share a
 * {@link LoadClient} with a few event-loop threads and send an app-level Ping every 20 s; the
 * publisher has its own single-thread client so subscriber work never delays a publish.
 *
 * <p>On a conclave of several instances the publisher is on the first, and the subscribers are
 * placed by a {@link Placement}; each instance's subscribers have their own client, the threads
 * split between them.
 */
final class ConclaveFanOut implements FanOutSystem {
    static final String CHANNEL = "bench";
    static final Duration KEEPALIVE = Duration.ofSeconds(20);
    private static final BincodeCodec BINCODE = new BincodeCodec();
    private static final int CONNECT_CONCURRENCY = 100;

    /** Where the subscribers connect, relative to the publisher's instance (the first). */
    enum Placement {
        /** Round robin over every instance. */
        SPREAD,
        /** All on the publisher's instance. */
        LOCAL,
        /** All on the second instance: every delivery crosses the bus. */
        REMOTE;

        int instanceOf(int subscriber, int instances) {
            switch (this) {
                case SPREAD:
                    return subscriber % instances;
                case LOCAL:
                    return 0;
                case REMOTE:
                    return Math.min(1, instances - 1);
                default:
                    throw new IllegalStateException("unknown placement " + this);
            }
        }
    }

    private final List<ServerProcess> servers;
    private final LoadClient publisherClient;
    private final List<LoadClient> subscriberClients = new ArrayList<>();
    private final int clientThreads;
    private final Placement placement;
    private LoadConnection publisher;
    private List<LoadConnection> subscribers = List.of();

    private ConclaveFanOut(List<ServerProcess> servers, int clientThreads, Placement placement) {
        this.servers = List.copyOf(servers);
        this.clientThreads = clientThreads;
        this.placement = placement;
        this.publisherClient = new LoadClient("load-publisher", 1, servers.get(0).address());
        int threadsEach = Math.max(1, clientThreads / servers.size());
        for (ServerProcess server : servers) {
            subscriberClients.add(new LoadClient("load-subscribers", threadsEach, server.address()));
        }
    }

    /** Registers, creates the channel, and joins the publisher and {@code subscriberCount} subscribers. */
    static ConclaveFanOut open(ServerProcess server, int clientThreads, int subscriberCount, Deliveries deliveries)
            throws IOException, InterruptedException {
        return open(List.of(server), Placement.SPREAD, clientThreads, subscriberCount, deliveries);
    }

    /** As above on the instances of one conclave, the subscribers placed by {@code placement}. */
    static ConclaveFanOut open(List<ServerProcess> servers, Placement placement, int clientThreads, int subscriberCount,
            Deliveries deliveries) throws IOException, InterruptedException {
        ConclaveFanOut system = new ConclaveFanOut(servers, clientThreads, placement);
        try {
            system.connect(subscriberCount, deliveries);
            return system;
        } catch (IOException | InterruptedException | RuntimeException failed) {
            system.close();
            throw failed;
        }
    }

    private void connect(int subscriberCount, Deliveries deliveries) throws IOException, InterruptedException {
        LoadConnection.Identity identity = new LoadConnection.Identity("bench", "box", LoadSigner.generate());
        publisher = LoadClient.await(publisherClient.connect(identity, "publisher", true));
        expect(publisher.request(new Frame.Admin(new AdminOp.CreateChannel(CHANNEL, Visibility.PUBLIC))), Frame.Ack.class);
        expect(publisher.request(new Frame.Join(CHANNEL, Optional.empty())), Frame.Joined.class);

        List<List<String>> handlesByInstance = new ArrayList<>();
        servers.forEach(server -> handlesByInstance.add(new ArrayList<>()));
        IntStream.range(0, subscriberCount).forEach(i ->
                handlesByInstance.get(placement.instanceOf(i, servers.size())).add(String.format("sub-%05d", i)));
        subscribers = new ArrayList<>();
        for (int instance = 0; instance < servers.size(); instance++) {
            if (!handlesByInstance.get(instance).isEmpty()) {
                subscribers.addAll(subscriberClients.get(instance)
                        .connectAll(identity, handlesByInstance.get(instance), CONNECT_CONCURRENCY));
            }
        }
        List<CompletableFuture<Frame>> joins = new ArrayList<>();
        for (LoadConnection subscriber : subscribers) {
            subscriber.subscriber(deliveries.subscribe());
            subscriber.keepalive(KEEPALIVE);
            joins.add(subscriber.request(new Frame.Join(CHANNEL, Optional.empty())));
        }
        for (CompletableFuture<Frame> join : joins) {
            expect(join, Frame.Joined.class);
        }
    }

    private static void expect(CompletableFuture<Frame> reply, Class<? extends Frame> type)
            throws IOException, InterruptedException {
        Frame frame = LoadClient.await(reply);
        if (!type.isInstance(frame)) {
            throw new IOException("expected " + type.getSimpleName() + ", got " + frame);
        }
    }

    @Override
    public String name() {
        return "conclave";
    }

    @Override
    public Duration serverCpuTime() {
        Duration total = Duration.ZERO;
        for (ServerProcess server : servers) {
            total = total.plus(server.cpuTime());
        }
        return total;
    }

    @Override
    public void publish(List<byte[]> bodies) {
        List<byte[]> frames = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            Payload plain = new Payload.Plain(new String(body, StandardCharsets.US_ASCII));
            frames.add(BINCODE.encode(new Frame.ChannelMsg(CHANNEL, SessionPath.UNSTAMPED, plain)));
        }
        publisher.publish(frames);
    }

    @Override
    public long confirmed() {
        return publisher.acks();
    }

    @Override
    public long publishErrors() {
        return publisher.errors();
    }

    @Override
    public String clientDescription() {
        String instances = servers.size() == 1 ? ""
                : " over " + servers.size() + " instances (" + placement.name().toLowerCase(java.util.Locale.ROOT)
                        + ", " + Math.max(1, clientThreads / servers.size()) + " thread(s) per instance)";
        return subscribers.size() + " subscriber WebSockets on " + clientThreads
                + " Netty event-loop thread(s)" + instances + ", publisher on its own thread; bincode";
    }

    @Override
    public void close() {
        subscriberClients.forEach(LoadClient::close);
        publisherClient.close();
    }
}
