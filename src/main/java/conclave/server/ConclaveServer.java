package conclave.server;

import conclave.server.cluster.ClusterAddress;
import conclave.server.cluster.ClusterBus;
import conclave.server.cluster.NatsBus;
import conclave.server.cluster.PostgresBus;
import conclave.store.BanRecord;
import conclave.store.Store;
import conclave.store.StoreLocation;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running conclave server: the store, the hub, the transport and the two housekeeping sweeps
 * (idle reaper every 15 s, history and inbox purge every hour). {@link #start} brings it up;
 * {@link #close} drains it — stop accepting, let the requests in flight finish, a WebSocket Close
 * (1001) to every session after what is queued for it, flush, close the store. Thread-safe.
 */
public final class ConclaveServer implements AutoCloseable {
    /** Threads that run blocking store work for sessions; SQLite serialises writes anyway. */
    private static final int REQUEST_THREADS = 8;
    /** Each session queues at most one request at a time, so this bounds sessions, not bursts. */
    private static final int REQUEST_QUEUE = 100_000;
    /** How long a graceful stop waits for the requests in flight before it closes the sessions. */
    private static final Duration REQUEST_DRAIN_DEADLINE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(ConclaveServer.class);

    private final Store store;
    private final Hub hub;
    private final Cluster cluster;
    private final ServerTransport transport;
    private final ConnectionLimiter limiter;
    /** Empty when {@code /metrics} is served on the client port. */
    private final Optional<MetricsEndpoint> metricsEndpoint;
    private final ThreadPoolExecutor requests;
    private final RequestDrain drain;
    private final ScheduledExecutorService housekeeping;
    private final String serverId;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ConclaveServer(
            Store store, Hub hub, Cluster cluster, ServerTransport transport, ConnectionLimiter limiter,
            Optional<MetricsEndpoint> metricsEndpoint, ThreadPoolExecutor requests, RequestDrain drain,
            ScheduledExecutorService housekeeping, String serverId) {
        this.store = store;
        this.hub = hub;
        this.cluster = cluster;
        this.transport = transport;
        this.limiter = limiter;
        this.metricsEndpoint = metricsEndpoint;
        this.requests = requests;
        this.drain = drain;
        this.housekeeping = housekeeping;
        this.serverId = serverId;
    }

    /**
     * Opens the store, loads bans, binds and starts serving.
     *
     * @throws IllegalArgumentException if an admin spec is malformed, or the cluster bus needs a
     *     store this instance lacks
     * @throws java.io.UncheckedIOException if the address cannot be bound
     * @throws conclave.server.cluster.ClusterBusException if the cluster bus cannot be reached
     */
    public static ConclaveServer start(ServerOptions options) {
        return start(options, ServerClock.system(), ServerTimings.DEFAULT);
    }

    static ConclaveServer start(ServerOptions options, ServerClock clock, ServerTimings timings) {
        return start(options, clock, timings, ClusterTimings.DEFAULT);
    }

    static ConclaveServer start(
            ServerOptions options, ServerClock clock, ServerTimings timings, ClusterTimings clusterTimings) {
        AdminAllowlist admins = AdminAllowlist.parse(options.adminSpecs());
        InstantSource instants = clock::now;
        ServerMetrics metrics = new ServerMetrics();
        Store store = TimedStore.wrap(options.store().open(instants), metrics);
        if (options.store() instanceof StoreLocation.InMemory) {
            LOG.info("store is in memory (--ephemeral): everything is lost on exit");
        } else {
            LOG.info("store opened {}", options.store());
        }
        for (String name : admins.unpinned()) {
            LOG.warn("admin `{}` is not pinned to a key: the first to register that name becomes admin;"
                    + " pin it as {}=<pubkey>", name, name);
        }
        List<Hub.ChannelUser> bans = store.listBans().stream()
                .map((BanRecord ban) -> new Hub.ChannelUser(ban.channel(), ban.username()))
                .toList();
        String serverId = store.instanceId();
        SecureRandom random = new SecureRandom();
        String instance = instanceName(random);
        Cluster cluster;
        Hub hub;
        try {
            Optional<ClusterBus> bus = bus(options.cluster(), options.store(), serverId, instance);
            if (bus.isEmpty()) {
                hub = new Hub(bans, metrics);
                cluster = new SoloCluster(hub);
            } else {
                BusCluster joined = BusCluster.join(
                        instance, bus.get(), store, bans, metrics, clock, clusterTimings);
                LOG.info("cluster bus joined bus={} instance={}", busName(options.cluster()), instance);
                hub = joined.hub();
                cluster = joined;
            }
        } catch (RuntimeException unreachable) {
            store.close();
            throw unreachable;
        }
        ThreadPoolExecutor requests = new ThreadPoolExecutor(
                REQUEST_THREADS, REQUEST_THREADS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(REQUEST_QUEUE), new DefaultThreadFactory("conclave-request", true));
        ServerContext context =
                new ServerContext(store, hub, cluster, admins, options.limits(), clock, random, metrics, options.tracing());
        cluster.handInboxesWith(new WhisperInbox(context)::deliverPending);
        ConnectionLimiter limiter = new ConnectionLimiter(options.limits());
        metrics.watch(hub::onlineCount, limiter::openConnections, () -> store.listChannels().size());
        RequestDrain drain = new RequestDrain();
        ServerTransport transport;
        try {
            transport = ServerTransport.bind(options.bind(), serverId, limiter, timings.handshakeDeadline(),
                    options.metricsBind().isPresent() ? Optional.empty() : Optional.of(metrics),
                    () -> new WebSocketSessionHandler(new SessionMachine(context), new SerialExecutor(requests),
                            clock, hub, timings.handshakeDeadline(), metrics, drain));
        } catch (RuntimeException bindFailure) {
            requests.shutdownNow();
            cluster.close();
            store.close();
            throw bindFailure;
        }
        Optional<MetricsEndpoint> metricsEndpoint;
        try {
            metricsEndpoint = options.metricsBind().map(address -> MetricsEndpoint.bind(address, metrics));
        } catch (RuntimeException bindFailure) {
            transport.close();
            requests.shutdownNow();
            cluster.close();
            store.close();
            throw bindFailure;
        }
        ScheduledExecutorService housekeeping =
                Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("conclave-housekeeping", true));
        ConclaveServer server =
                new ConclaveServer(store, hub, cluster, transport, limiter, metricsEndpoint, requests, drain, housekeeping, serverId);
        housekeeping.scheduleAtFixedRate(
                () -> server.reap(clock, timings.idleLimit()), 0, timings.reapEvery().toMillis(), TimeUnit.MILLISECONDS);
        housekeeping.scheduleAtFixedRate(
                () -> server.purge(clock), 0, timings.purgeEvery().toMillis(), TimeUnit.MILLISECONDS);
        InetSocketAddress bound = transport.localAddress();
        LOG.info("conclave server listening addr={}:{}", bound.getHostString(), bound.getPort());
        metricsEndpoint.ifPresent(endpoint -> LOG.info("metrics served addr={}:{}",
                endpoint.address().getHostString(), endpoint.address().getPort()));
        return server;
    }

    /**
     * The bus {@code --cluster} names, or empty when the instance runs alone.
     *
     * @throws IllegalArgumentException if it needs what this instance lacks (a PostgreSQL store)
     */
    private static Optional<ClusterBus> bus(
            ClusterAddress address, StoreLocation store, String serverId, String instance) {
        if (!(address instanceof ClusterAddress.Solo) && store instanceof StoreLocation.InMemory) {
            throw new IllegalArgumentException("--cluster needs a store the instances share (--store jdbc:postgresql://…"
                    + " or one --data-dir); an --ephemeral store lives in this process only");
        }
        if (address instanceof ClusterAddress.Nats nats) {
            return Optional.of(new NatsBus(nats.url(), serverId, instance));
        }
        if (address instanceof ClusterAddress.InProcess inProcess) {
            return Optional.of(inProcess.exchange().join());
        }
        if (address instanceof ClusterAddress.Postgres) {
            if (store instanceof StoreLocation.Postgres postgres) {
                return Optional.of(new PostgresBus(postgres.url()));
            }
            throw new IllegalArgumentException("--cluster postgres needs a PostgreSQL store (--store jdbc:postgresql://…)");
        }
        return Optional.empty();
    }

    private static String busName(ClusterAddress address) {
        if (address instanceof ClusterAddress.Nats nats) {
            return "nats " + nats.url().getHost() + ":" + nats.url().getPort(); // never the user info
        }
        return address instanceof ClusterAddress.Postgres ? "postgres" : "in-process";
    }

    /** A fresh random name for this instance on the bus. */
    private static String instanceName(SecureRandom random) {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return transport.localAddress();
    }

    /** Where {@code /metrics} is served when it has its own address. */
    public Optional<InetSocketAddress> metricsAddress() {
        return metricsEndpoint.map(MetricsEndpoint::address);
    }

    /** The id every upgrade response carries in {@code x-conclave-server-id}. */
    public String serverId() {
        return serverId;
    }

    /** TCP connections open right now, upgraded or not. */
    int openConnections() {
        return transport.openConnections();
    }

    /** WebSocket connections the connection limits count right now, authenticated or not. */
    int admittedConnections() {
        return limiter.openConnections();
    }

    /** Force-drops every session whose last frame is {@code idleLimit} old or older. */
    int reap(ServerClock clock, Duration idleLimit) {
        List<Member> idle = hub.silentSince(clock.nanos() - idleLimit.toNanos());
        idle.forEach(member -> member.kill(ForceDrop.IDLE));
        if (!idle.isEmpty()) {
            LOG.debug("reaped idle sessions count={}", idle.size());
        }
        return idle.size();
    }

    /** Deletes channel history and inbox whispers past {@link Store#RETENTION}. */
    private void purge(ServerClock clock) {
        long cutoff = clock.millis() - Store.RETENTION.toMillis();
        try {
            int purged = store.purgeMessagesOlderThan(cutoff);
            int whispers = store.purgeInboxWhispersOlderThan(cutoff);
            LOG.debug("purged history rows={} inbox whispers={}", purged, whispers);
        } catch (RuntimeException failure) {
            LOG.warn("history purge failed", failure);
        }
    }

    /** Drains and stops the server; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("shutdown signal received; draining connections");
        housekeeping.shutdownNow();
        transport.stopAccepting();
        // Requests in flight finish first, so every message acked to its sender is queued to the
        // other subscribers ahead of their Close.
        if (!drain.drain(REQUEST_DRAIN_DEADLINE)) {
            LOG.warn("requests still running after {} ms; closing the connections anyway",
                    REQUEST_DRAIN_DEADLINE.toMillis());
        }
        transport.drain();
        requests.shutdown();
        try {
            if (!requests.awaitTermination(2, TimeUnit.SECONDS)) {
                requests.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
        metricsEndpoint.ifPresent(MetricsEndpoint::close);
        cluster.close();
        store.close();
        LOG.info("server stopped");
    }

    /**
     * Stops at once, as a crash would: the cluster bus is dropped without a goodbye (the other
     * instances notice the silence) and every connection is cut. For fault tests.
     */
    void halt() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        housekeeping.shutdownNow();
        if (cluster instanceof BusCluster joined) {
            joined.halt();
        }
        requests.shutdownNow();
        transport.close();
        metricsEndpoint.ifPresent(MetricsEndpoint::close);
        store.close();
    }
}
