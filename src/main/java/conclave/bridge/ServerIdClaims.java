package conclave.bridge;

import conclave.client.ServerIdGate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which registered URL reached each server first, by the server's {@code x-conclave-server-id}
 * (reference/bridge.md §6.2): the first URL claims the id for the life of the process, and any
 * other URL that reaches the same server is refused before it authenticates, so it can never
 * supersede the first link's session. Thread-safe: links check from their own event loops.
 */
final class ServerIdClaims {
    private final Map<String, String> firstUrl = new ConcurrentHashMap<>();

    /** The gate for the link to {@code url}: it refuses ids another URL claimed first. */
    ServerIdGate gateFor(String url) {
        return serverId -> {
            String owner = firstUrl.putIfAbsent(serverId, url);
            return owner == null || owner.equals(url)
                    ? Optional.empty()
                    : Optional.of("the same server as `" + owner + "`");
        };
    }

    /** The URL that claimed {@code serverId}, if any. */
    Optional<String> owner(String serverId) {
        return Optional.ofNullable(firstUrl.get(serverId));
    }
}
