package conclave.server.load;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * nats-server in the fan-out shape, the baseline conclave is compared with: N subscriber
 * connections on one subject and a publisher connection. The publisher is the official Java
 * client (jnats). The subscribers are either {@link NatsSubscriberConnection}s on a few Netty
 * event-loop threads, like conclave's (the default), or jnats connections with a dispatcher each.
 *
 * <p>Why not jnats for the subscribers by default: jnats reads and writes with blocking sockets,
 * so every connection holds a reader and a writer task for its whole life and every dispatcher
 * a delivery thread (with a shared executor too: it only pools them). With 1,000 subscribers
 * that is about 5,000 threads and a thread hand-off per delivery, and the generator, not
 * nats-server, sets the pace. Reports print the generator's thread count.
 */
final class NatsBaseline implements FanOutSystem {
    static final String SUBJECT = "bench";
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int CONNECT_CONCURRENCY = 8;

    private final ServerProcess server;
    private final boolean jnatsSubscribers;
    private final int clientThreads;
    private final List<NatsSubscriberConnection> nettySubscribers = new ArrayList<>();
    private EventLoopGroup subscriberLoops;
    private final ExecutorService executor =
            Executors.newCachedThreadPool(new DefaultThreadFactory("nats-client", true));
    private final ScheduledExecutorService timers =
            Executors.newScheduledThreadPool(1, new DefaultThreadFactory("nats-timers", true));
    private final List<Connection> connections = new ArrayList<>();
    private final AtomicLong clientErrors = new AtomicLong();
    private Connection publisher;
    private int threadsAfterConnect;

    private NatsBaseline(ServerProcess server, boolean jnatsSubscribers, int clientThreads) {
        this.server = server;
        this.jnatsSubscribers = jnatsSubscribers;
        this.clientThreads = clientThreads;
    }

    /**
     * Connects {@code subscriberCount} subscribers (jnats ones if {@code jnatsSubscribers}, else
     * Netty ones on {@code clientThreads} event loops) and the publisher; returns once every SUB
     * is in force.
     */
    static NatsBaseline open(ServerProcess server, boolean jnatsSubscribers, int clientThreads, int subscriberCount,
            Deliveries deliveries) throws IOException, InterruptedException {
        NatsBaseline system = new NatsBaseline(server, jnatsSubscribers, clientThreads);
        try {
            system.connect(subscriberCount, deliveries);
            return system;
        } catch (IOException | InterruptedException | RuntimeException failed) {
            system.close();
            throw failed;
        }
    }

    private void connect(int subscriberCount, Deliveries deliveries) throws IOException, InterruptedException {
        if (jnatsSubscribers) {
            connectJnatsSubscribers(subscriberCount, deliveries);
        } else {
            connectNettySubscribers(subscriberCount, deliveries);
        }
        publisher = open("publisher", (connection, event) -> {});
        threadsAfterConnect = Thread.activeCount();
    }

    private void connectNettySubscribers(int subscriberCount, Deliveries deliveries)
            throws IOException, InterruptedException {
        boolean epoll = Epoll.isAvailable();
        subscriberLoops = new MultiThreadIoEventLoopGroup(clientThreads, new DefaultThreadFactory("nats-subscribers", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Bootstrap bootstrap = new Bootstrap()
                .group(subscriberLoops)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) DEADLINE.toMillis())
                .remoteAddress(server.address());
        List<CompletableFuture<NatsSubscriberConnection>> pending = new ArrayList<>();
        Semaphore slots = new Semaphore(CONNECT_CONCURRENCY * 8);
        for (int i = 0; i < subscriberCount; i++) {
            NatsSubscriberConnection subscriber = new NatsSubscriberConnection(SUBJECT, deliveries.subscribe());
            nettySubscribers.add(subscriber);
            if (!slots.tryAcquire(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("no nats subscription finished within " + DEADLINE);
            }
            bootstrap.clone()
                    .handler(subscriber)
                    .connect()
                    .addListener(done -> {
                        if (!done.isSuccess()) {
                            subscriber.subscribed().completeExceptionally(done.cause());
                        }
                    });
            pending.add(subscriber.subscribed().whenComplete((ok, failed) -> slots.release()));
        }
        for (CompletableFuture<NatsSubscriberConnection> subscribed : pending) {
            LoadClient.await(subscribed);
        }
    }

    private void connectJnatsSubscribers(int subscriberCount, Deliveries deliveries)
            throws IOException, InterruptedException {
        ExecutorService connecting = Executors.newFixedThreadPool(CONNECT_CONCURRENCY, new DefaultThreadFactory("nats-connect", true));
        try {
            List<CompletableFuture<Connection>> pending = new ArrayList<>();
            for (int i = 0; i < subscriberCount; i++) {
                Deliveries.Subscriber subscriber = deliveries.subscribe();
                String name = String.format("sub-%05d", i);
                pending.add(CompletableFuture.supplyAsync(() -> subscribe(name, subscriber), connecting));
            }
            for (CompletableFuture<Connection> connection : pending) {
                connections.add(LoadClient.await(connection));
            }
        } finally {
            connecting.shutdown();
        }
        for (Connection connection : connections) {
            try {
                connection.flush(DEADLINE); // the server has our SUB once it answers the PING
            } catch (Exception e) {
                throw new IOException("nats subscriber did not flush: " + e, e);
            }
        }
    }

    private Connection subscribe(String name, Deliveries.Subscriber subscriber) {
        ConnectionListener lost = (connection, event) -> {
            if (event == ConnectionListener.Events.DISCONNECTED || event == ConnectionListener.Events.CLOSED) {
                subscriber.lost();
            }
        };
        Connection connection = open(name, lost);
        Dispatcher dispatcher = connection.createDispatcher(message ->
                subscriber.delivered(Unpooled.wrappedBuffer(message.getData())));
        dispatcher.subscribe(SUBJECT);
        return connection;
    }

    private Connection open(String name, ConnectionListener listener) {
        Options options = Options.builder()
                .server("nats://" + server.address().getHostString() + ":" + server.address().getPort())
                .connectionName(name)
                .connectionTimeout(DEADLINE)
                .noReconnect()
                .executor(executor)
                .scheduledExecutor(timers)
                .callbackExecutor(executor)
                .connectExecutor(executor)
                .connectionListener(listener)
                .errorListener(new Errors())
                .build();
        try {
            return Nats.connect(options);
        } catch (IOException e) {
            throw new IllegalStateException("nats connect " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting " + name, e);
        }
    }

    @Override
    public String name() {
        return "nats-server";
    }

    @Override
    public java.time.Duration serverCpuTime() {
        return server.cpuTime();
    }

    @Override
    public void publish(List<byte[]> bodies) {
        for (byte[] body : bodies) {
            publisher.publish(SUBJECT, body);
        }
    }

    @Override
    public long confirmed() {
        return -1;
    }

    @Override
    public long publishErrors() {
        return clientErrors.get();
    }

    @Override
    public String clientDescription() {
        String subscribers = jnatsSubscribers
                ? connections.size() + " subscriber connections through jnats (blocking I/O)"
                : nettySubscribers.size() + " subscriber connections on " + clientThreads
                        + " Netty event-loop thread(s) (minimal NATS protocol)";
        return subscribers + ", publisher through jnats; " + threadsAfterConnect
                + " live threads in the generator once connected";
    }

    @Override
    public void close() throws InterruptedException {
        nettySubscribers.forEach(NatsSubscriberConnection::closing);
        if (subscriberLoops != null) {
            subscriberLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        for (Connection connection : connections) {
            connection.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        executor.shutdownNow();
        timers.shutdownNow();
        executor.awaitTermination(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Counts what jnats reports instead of logging it per connection. */
    private final class Errors implements ErrorListener {
        @Override
        public void errorOccurred(Connection connection, String error) {
            clientErrors.incrementAndGet();
        }

        @Override
        public void exceptionOccurred(Connection connection, Exception exception) {
            clientErrors.incrementAndGet();
        }

        @Override
        public void slowConsumerDetected(Connection connection, Consumer consumer) {
            clientErrors.incrementAndGet();
        }
    }
}
