package conclave.bridge;

import static java.util.Objects.requireNonNull;

import conclave.config.ConclaveConfig;
import conclave.config.ServerRegistration;
import java.util.List;
import java.util.Optional;

/**
 * What one bridge process runs with, fixed at start: config.toml as read, the servers to link to,
 * the session handle and whether to offer the permission relay. Immutable.
 *
 * @param config config.toml as read at start (levels change live from here; it is never written)
 * @param servers the registrations to link to, in file order; at least one
 * @param explicitHandle the handle given with {@code --as}, which is never renamed
 * @param directoryName the working directory's name, for the defaulted handle (empty for the root)
 * @param permissionRelay whether to declare {@code claude/channel/permission} and relay prompts
 * @param version this program's version, for {@code serverInfo}
 */
public record BridgeSettings(ConclaveConfig config, List<ServerRegistration> servers, Optional<String> explicitHandle,
        String directoryName, boolean permissionRelay, String version) {
    public BridgeSettings {
        requireNonNull(config, "config");
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no known server to connect to (register one first, or pass --server)");
        }
        requireNonNull(explicitHandle, "explicitHandle");
        requireNonNull(directoryName, "directoryName");
        requireNonNull(version, "version");
    }

    /**
     * The settings for {@code config}: every registration, or only those whose URL is exactly one
     * of {@code chosen} when that is not empty (other URLs are ignored, as in the original).
     *
     * @throws IllegalArgumentException if no registration is selected
     */
    public static BridgeSettings select(ConclaveConfig config, List<String> chosen, Optional<String> explicitHandle,
            String directoryName, boolean permissionRelay, String version) {
        List<ServerRegistration> selected = config.servers().stream()
                .filter(server -> chosen.isEmpty() || chosen.contains(server.url()))
                .toList();
        return new BridgeSettings(config, selected, explicitHandle, directoryName, permissionRelay, version);
    }

    /** A fresh session handle: explicit from {@code --as}, else defaulted from the directory. */
    SessionHandle handle() {
        return explicitHandle.map(SessionHandle::explicit).orElseGet(() -> SessionHandle.defaulted(directoryName));
    }
}
