package conclave.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.client.LinkBackoff;
import conclave.config.ServerRegistration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a server's drops announce: once per outage, and the flapping breaker after rapid drops. */
class ServerStateTest {
    private static final Duration RAPID = LinkBackoff.STABLE_UPTIME.minusMillis(1);

    private final ServerState server = new ServerState(new ServerRegistration("wss://s1", "aaron", "workstation"));

    @Test
    void linkDown_announcedOnce_reconnectAnnounced() {
        assertThat(server.linkDown(LinkBackoff.STABLE_UPTIME)).isEqualTo(ServerState.Drop.ANNOUNCE);
        assertThat(server.isUp()).isFalse();
        assertThat(server.linkDown(LinkBackoff.STABLE_UPTIME)).isEqualTo(ServerState.Drop.QUIET);

        assertThat(server.linkUp(true)).isTrue();
        assertThat(server.isAdmin()).isTrue();
        assertThat(server.linkUp(true)).isFalse();
    }

    @Test
    void linkDown_rapidDrops_tripAtTheThresholdThenStayQuiet() {
        for (int drop = 1; drop < ServerState.FLAP_THRESHOLD; drop++) {
            server.linkDown(RAPID);
            server.linkUp(false);
        }

        assertThat(server.linkDown(RAPID)).isEqualTo(ServerState.Drop.FLAPPING);
        assertThat(server.linkDown(RAPID)).isEqualTo(ServerState.Drop.QUIET);
        assertThat(server.linkDown(LinkBackoff.STABLE_UPTIME)).isEqualTo(ServerState.Drop.ANNOUNCE);
    }

    @Test
    void renamed_startsTheCountOver() {
        for (int drop = 1; drop <= ServerState.FLAP_THRESHOLD; drop++) {
            server.linkDown(RAPID);
        }
        server.renamed();

        assertThat(server.linkDown(RAPID)).isEqualTo(ServerState.Drop.QUIET); // announced already
        assertThat(server.linkDown(RAPID)).isEqualTo(ServerState.Drop.QUIET);
        assertThat(server.linkDown(RAPID)).isEqualTo(ServerState.Drop.FLAPPING);
    }
}
