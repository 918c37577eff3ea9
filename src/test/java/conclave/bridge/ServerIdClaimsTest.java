package conclave.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.client.ServerIdGate;
import org.junit.jupiter.api.Test;

/** Same-server detection by server id (reference/bridge.md §9, scenario 22). */
class ServerIdClaimsTest {
    private final ServerIdClaims claims = new ServerIdClaims();

    @Test
    void check_sameUrlAgain_passes() {
        ServerIdGate gate = claims.gateFor("ws://a");

        assertThat(gate.check("id-1")).isEmpty();
        assertThat(gate.check("id-1")).isEmpty();
    }

    @Test
    void check_otherUrlSameId_refusedNamingTheCanonicalUrl() {
        claims.gateFor("ws://a").check("id-1");

        assertThat(claims.gateFor("ws://a/?via=alias").check("id-1")).contains("the same server as `ws://a`");
        assertThat(claims.owner("id-1")).contains("ws://a");
    }

    @Test
    void check_otherId_unaffected() {
        claims.gateFor("ws://a").check("id-1");

        assertThat(claims.gateFor("ws://b").check("id-2")).isEmpty();
    }
}
