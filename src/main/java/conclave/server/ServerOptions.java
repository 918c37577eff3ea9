package conclave.server;

import conclave.server.cluster.ClusterAddress;
import conclave.store.StoreLocation;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a server: where to listen, where the data lives, the admin specs as given to
 * {@code --admin} ({@code USER[=PUBKEY]}, comma lists) and the abuse limits, where
 * {@code /metrics} is served (empty = on {@code bind} itself), and which bus joins this instance
 * to the others of its conclave ({@link ClusterAddress.Solo}: none).
 */
public record ServerOptions(
        InetSocketAddress bind, StoreLocation store, List<String> adminSpecs, ServerLimits limits,
        Optional<InetSocketAddress> metricsBind, ClusterAddress cluster) {
    public ServerOptions {
        Objects.requireNonNull(store, "store");
        adminSpecs = List.copyOf(adminSpecs);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(metricsBind, "metricsBind");
        Objects.requireNonNull(cluster, "cluster");
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
