package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The network cut with the protocol's real clocks: the server sweeps every 15 s and reaps after
 * 60 s of silence, the link pings every 20 s. Over a minute long, so it runs only in the
 * {@code reliability} profile.
 */
@Tag("reliability")
class NetworkCutIT {
    @Test
    void silentCut_withTheRealTimings_serverReapsWithin75Seconds() throws Exception {
        Duration reapedAfter = NetworkCutTest.reapScenario(ServerTimings.DEFAULT, Duration.ofSeconds(20));

        assertThat(reapedAfter).isLessThanOrEqualTo(NetworkCutTest.REAP_BOUND);
    }
}
