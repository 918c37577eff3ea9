package conclave.server.load;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * nats-server in the fan-out shape, the baseline conclave is compared with: N subscriber
 * connections with one dispatcher each on one subject, and a publisher connection, all through
 * the official Java client (jnats).
 *
 * <p>The baseline client is heavier than ours: jnats reads and writes with blocking sockets, so
 * every connection holds a reader and a writer task for its whole life, and every dispatcher a
 * delivery thread; a shared executor does not change that (it only pools the threads). With
 * 1,000 subscribers that is about 3,000 threads in the generator, against 2 event-loop threads
 * for conclave's subscribers. Reports print the thread count.
 */
final class NatsBaseline implements FanOutSystem {
    static final String SUBJECT = "bench";
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int CONNECT_CONCURRENCY = 8;

    private final ServerProcess server;
    private final ExecutorService executor =
            Executors.newCachedThreadPool(new DefaultThreadFactory("nats-client", true));
    private final ScheduledExecutorService timers =
            Executors.newScheduledThreadPool(1, new DefaultThreadFactory("nats-timers", true));
    private final List<Connection> connections = new ArrayList<>();
    private final AtomicLong clientErrors = new AtomicLong();
    private Connection publisher;
    private int threadsAfterConnect;

    private NatsBaseline(ServerProcess server) {
        this.server = server;
    }

    /** Connects {@code subscriberCount} subscribers and the publisher; returns once every SUB is in force. */
    static NatsBaseline open(ServerProcess server, int subscriberCount, Deliveries deliveries)
            throws IOException, InterruptedException {
        NatsBaseline system = new NatsBaseline(server);
        try {
            system.connect(subscriberCount, deliveries);
            return system;
        } catch (IOException | InterruptedException | RuntimeException failed) {
            system.close();
            throw failed;
        }
    }

    private void connect(int subscriberCount, Deliveries deliveries) throws IOException, InterruptedException {
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
        publisher = open("publisher", (connection, event) -> {});
        threadsAfterConnect = Thread.activeCount();
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
    public ServerProcess server() {
        return server;
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
        return connections.size() + " subscriber connections through jnats (blocking I/O; "
                + threadsAfterConnect + " live threads in the generator once connected)";
    }

    @Override
    public void close() throws InterruptedException {
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
