package conclave.server;

import conclave.server.cluster.ClusterAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a server: where to listen, where the data lives (empty = a throwaway in-memory
 * store), the admin specs as given to {@code --admin} ({@code USER[=PUBKEY]}, comma lists) and
 * the abuse limits, where {@code /metrics} is served (empty = on {@code bind} itself), and which
 * bus joins this instance to the others of its conclave ({@link ClusterAddress.Solo}: none).
 */
public record ServerOptions(
        InetSocketAddress bind, Optional<Path> dataDir, List<String> adminSpecs, ServerLimits limits,
        Optional<InetSocketAddress> metricsBind, ClusterAddress cluster) {
    public ServerOptions {
        adminSpecs = List.copyOf(adminSpecs);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(metricsBind, "metricsBind");
        Objects.requireNonNull(cluster, "cluster");
    }

    /** Options for a server that runs alone. */
    public ServerOptions(
            InetSocketAddress bind, Optional<Path> dataDir, List<String> adminSpecs, ServerLimits limits,
            Optional<InetSocketAddress> metricsBind) {
        this(bind, dataDir, adminSpecs, limits, metricsBind, new ClusterAddress.Solo());
    }

    /** Options that serve {@code /metrics} on {@code bind}. */
    public ServerOptions(InetSocketAddress bind, Optional<Path> dataDir, List<String> adminSpecs, ServerLimits limits) {
        this(bind, dataDir, adminSpecs, limits, Optional.empty());
    }

    /** Options with the {@linkplain ServerLimits#DEFAULT default limits}. */
    public ServerOptions(InetSocketAddress bind, Optional<Path> dataDir, List<String> adminSpecs) {
        this(bind, dataDir, adminSpecs, ServerLimits.DEFAULT);
    }
}
