package conclave.bridge;

import conclave.client.LinkBackoff;
import conclave.config.ServerRegistration;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One registered server as the dispatcher sees it: whether its link is up, the joined channels
 * (recorded only on {@code joined}), whether it said admin, and the flapping breaker's count of
 * rapid drops with whether a disconnect was announced. Not thread-safe: the dispatcher's thread only.
 */
final class ServerState {
    /** Rapid drops in a row that trip the flapping breaker. */
    static final int FLAP_THRESHOLD = 3;

    /** What a drop of the link should tell the session. */
    enum Drop {
        /** Say the server is disconnected. */
        ANNOUNCE,
        /** Nothing: announced already, or the breaker tripped before and the link has not stayed up since. */
        QUIET,
        /** The breaker trips: the link keeps dropping right after it comes up. */
        FLAPPING
    }

    final ServerRegistration registration;
    /** The joined channels, joined again after every reconnect. */
    final Set<String> joined = new LinkedHashSet<>();
    private boolean up;
    private boolean admin;
    private boolean downAnnounced;
    private int rapidDrops;

    ServerState(ServerRegistration registration) {
        this.registration = registration;
    }

    boolean isUp() {
        return up;
    }

    boolean isAdmin() {
        return admin;
    }

    void adminChanged(boolean admin) {
        this.admin = admin;
    }

    /** The link came up; true if a disconnect was announced, so the reconnect is announced too. */
    boolean linkUp(boolean admin) {
        up = true;
        this.admin = admin;
        boolean announce = downAnnounced;
        downAnnounced = false;
        return announce;
    }

    /** The link dropped after being up for {@code uptime}: a stable one resets the breaker. */
    Drop linkDown(Duration uptime) {
        up = false;
        if (uptime.compareTo(LinkBackoff.STABLE_UPTIME) >= 0) {
            rapidDrops = 0;
        } else {
            rapidDrops++;
            if (rapidDrops == FLAP_THRESHOLD) {
                return Drop.FLAPPING;
            }
            if (rapidDrops > FLAP_THRESHOLD) {
                return Drop.QUIET; // quiet until a connection stays up
            }
        }
        if (downAnnounced) {
            return Drop.QUIET;
        }
        downAnnounced = true;
        return Drop.ANNOUNCE;
    }

    /** The session took a new handle, so the drops so far no longer count. */
    void renamed() {
        rapidDrops = 0;
    }
}
