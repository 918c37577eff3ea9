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
 */
final class ConclaveFanOut implements FanOutSystem {
    static final String CHANNEL = "bench";
    static final Duration KEEPALIVE = Duration.ofSeconds(20);
    private static final BincodeCodec BINCODE = new BincodeCodec();
    private static final int CONNECT_CONCURRENCY = 100;

    private final ServerProcess server;
    private final LoadClient publisherClient;
    private final LoadClient subscriberClient;
    private final int clientThreads;
    private LoadConnection publisher;
    private List<LoadConnection> subscribers = List.of();

    private ConclaveFanOut(ServerProcess server, int clientThreads) {
        this.server = server;
        this.clientThreads = clientThreads;
        this.publisherClient = new LoadClient("load-publisher", 1, server.address());
        this.subscriberClient = new LoadClient("load-subscribers", clientThreads, server.address());
    }

    /** Registers, creates the channel, and joins the publisher and {@code subscriberCount} subscribers. */
    static ConclaveFanOut open(ServerProcess server, int clientThreads, int subscriberCount, Deliveries deliveries)
            throws IOException, InterruptedException {
        ConclaveFanOut system = new ConclaveFanOut(server, clientThreads);
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

        List<String> handles = IntStream.range(0, subscriberCount).mapToObj(i -> String.format("sub-%05d", i)).toList();
        subscribers = subscriberClient.connectAll(identity, handles, CONNECT_CONCURRENCY);
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
    public ServerProcess server() {
        return server;
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
        return subscribers.size() + " subscriber WebSockets on " + clientThreads
                + " Netty event-loop thread(s), publisher on its own thread; bincode";
    }

    @Override
    public void close() {
        subscriberClient.close();
        publisherClient.close();
    }
}
