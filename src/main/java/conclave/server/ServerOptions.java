package conclave.server;

import conclave.server.cluster.ClusterAddress;
import conclave.store.StoreLocation;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
/**
 * How to run a server: where to listen, where the data lives, the admin specs as given to
 * {@code --admin} ({@code USER[=PUBKEY]}, comma lists) and the abuse limits, where
 * {@code /metrics} is served (empty = on {@code bind} itself), which bus joins this instance
 * to the others of its conclave ({@link ClusterAddress.Solo}: none), and what traces the requests
 * ({@link RequestTracing#OFF} unless OTLP export is on).
 */
public record ServerOptions(
        InetSocketAddress bind, StoreLocation store, List<String> adminSpecs, ServerLimits limits,
        Optional<InetSocketAddress> metricsBind, ClusterAddress cluster, RequestTracing tracing) {
    public ServerOptions {
        Objects.requireNonNull(store, "store");
        adminSpecs = List.copyOf(adminSpecs);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(metricsBind, "metricsBind");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(tracing, "tracing");
    }

    /** Options for an instance that traces nothing. */
    public ServerOptions(
            InetSocketAddress bind, StoreLocation store, List<String> adminSpecs, ServerLimits limits,
            Optional<InetSocketAddress> metricsBind, ClusterAddress cluster) {
        this(bind, store, adminSpecs, limits, metricsBind, cluster, RequestTracing.OFF);
    }

    /** Options for a server that runs alone. */
    public ServerOptions(
            InetSocketAddress bind, StoreLocation store, List<String> adminSpecs, ServerLimits limits,
            Optional<InetSocketAddress> metricsBind) {
        this(bind, store, adminSpecs, limits, metricsBind, new ClusterAddress.Solo());
    }

    /** Options with SQLite in {@code dataDir}, or in memory when it is empty. */
    public ServerOptions(
            InetSocketAddress bind, Optional<Path> dataDir, List<String> adminSpecs, ServerLimits limits,
            Optional<InetSocketAddress> metricsBind) {
        this(bind, sqlite(dataDir), adminSpecs, limits, metricsBind);
    }

    /** Options that serve {@code /metrics} on {@code bind}. */
    public ServerOptions(InetSocketAddress bind, Optional<Path> dataDir, List<String> adminSpecs, ServerLimits limits) {
        this(bind, dataDir, adminSpecs, limits, Optional.empty());
    }

    /** Options with the {@linkplain ServerLimits#DEFAULT default limits}. */
    public ServerOptions(InetSocketAddress bind, Optional<Path> dataDir, List<String> adminSpecs) {
        this(bind, dataDir, adminSpecs, ServerLimits.DEFAULT);
    }

    private static StoreLocation sqlite(Optional<Path> dataDir) {
        return dataDir.<StoreLocation>map(StoreLocation.DataDirectory::new).orElseGet(StoreLocation.InMemory::new);
    }
}
