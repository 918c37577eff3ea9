package conclave.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a server: where to listen, where the data lives (empty = a throwaway in-memory
 * store), the admin specs as given to {@code --admin} ({@code USER[=PUBKEY]}, comma lists) and
 * the abuse limits.
 */
public record ServerOptions(
        InetSocketAddress bind, Optional<Path> dataDir, List<String> adminSpecs, ServerLimits limits) {
    public ServerOptions {
        adminSpecs = List.copyOf(adminSpecs);
        Objects.requireNonNull(limits, "limits");
    }

    /** Options with the {@linkplain ServerLimits#DEFAULT default limits}. */
    public ServerOptions(InetSocketAddress bind, Optional<Path> dataDir, List<String> adminSpecs) {
        this(bind, dataDir, adminSpecs, ServerLimits.DEFAULT);
    }
}
