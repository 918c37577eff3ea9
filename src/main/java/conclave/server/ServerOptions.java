package conclave.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How to run a server: where to listen, where the data lives (empty = a throwaway in-memory
 * store) and the admin specs as given to {@code --admin} ({@code USER[=PUBKEY]}, comma lists).
 */
public record ServerOptions(InetSocketAddress bind, Optional<Path> dataDir, List<String> adminSpecs) {
    public ServerOptions {
        adminSpecs = List.copyOf(adminSpecs);
    }
}
