package conclave.server;

import conclave.server.cluster.ClusterAddress;
import conclave.store.PostgresUrl;
import conclave.store.StoreLocation;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Several {@link ConclaveServer} instances of one conclave in this JVM, each on its own ephemeral
 * port, sharing one store and joined by one bus, with cluster clocks short enough for tests:
 * heartbeats every 200 ms, an instance dead after 3 s of silence.
 */
final class ClusterRig implements AutoCloseable {
    static final ClusterTimings TIMINGS =
            new ClusterTimings(Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofSeconds(2));

    private final List<ConclaveServer> instances = new ArrayList<>();

    /**
     * Starts {@code count} instances; {@code options} gives instance {@code i}'s options (its
     * store and bus; the bind address is replaced by an ephemeral loopback port).
     */
    static ClusterRig start(int count, IntFunction<ServerOptions> options) {
        ClusterRig rig = new ClusterRig();
        try {
            for (int i = 0; i < count; i++) {
                ServerOptions given = options.apply(i);
                ServerOptions ephemeral = new ServerOptions(new InetSocketAddress("127.0.0.1", 0), given.store(),
                        given.adminSpecs(), given.limits(), Optional.empty(), given.cluster());
                rig.instances.add(ConclaveServer.start(ephemeral, ServerClock.system(), ServerTimings.DEFAULT, TIMINGS));
            }
        } catch (RuntimeException failed) {
            rig.close();
            throw failed;
        }
        return rig;
    }

    /** Options for an instance on the SQLite store in {@code dataDir}, joined by {@code bus}, without a rate limit. */
    static ServerOptions sqliteInstance(Path dataDir, ClusterAddress bus) {
        return new ServerOptions(new InetSocketAddress("127.0.0.1", 0), new StoreLocation.DataDirectory(dataDir), List.of(),
                new ServerLimits(Optional.empty(), 64 * 1024, 50_000, 32, 100, 100), Optional.empty(), bus);
    }

    /** Options for an instance on the PostgreSQL database at {@code url}, joined by {@code bus}, without a rate limit. */
    static ServerOptions postgresInstance(PostgresUrl url, ClusterAddress bus) {
        return new ServerOptions(new InetSocketAddress("127.0.0.1", 0), new StoreLocation.Postgres(url), List.of(),
                new ServerLimits(Optional.empty(), 64 * 1024, 50_000, 32, 100, 100), Optional.empty(), bus);
    }

    InetSocketAddress address(int instance) {
        return instances.get(instance).address();
    }

    ConclaveServer instance(int instance) {
        return instances.get(instance);
    }

    /** Stops instance {@code i} as a crash would. */
    void halt(int instance) {
        instances.get(instance).halt();
    }

    @Override
    public void close() {
        for (ConclaveServer instance : instances) {
            instance.close();
        }
    }
}
