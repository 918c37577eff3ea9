package conclave.client;

import java.util.Optional;

/**
 * Decides, from a server's {@code x-conclave-server-id} and before the handshake, whether a
 * {@link Link} may use that server. The bridge uses it to notice two registered URLs that lead to
 * one server and keep only the first (reference/bridge.md §6.2): a refused link never
 * authenticates, so it can never supersede the session of the link that got there first.
 */
@FunctionalInterface
public interface ServerIdGate {
    /** Lets every server through. */
    ServerIdGate ANY = serverId -> Optional.empty();

    /**
     * Called on the link's event loop for every successful upgrade whose response named the
     * server; a server that sends no id is never checked.
     *
     * @return empty to go ahead, or why not: the link then closes for good and reports
     *     {@link LinkEvent.Refused}
     */
    Optional<String> check(String serverId);
}
