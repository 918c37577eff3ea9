package conclave.client;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** The one configured entry point to Awaitility for the client tests. */
final class Awaits {
    /** Long enough for a loaded two-core build machine, short enough to fail a hang quickly. */
    static final Duration LIMIT = Duration.ofSeconds(15);

    private Awaits() {}

    static ConditionFactory await() {
        return Awaitility.await().atMost(LIMIT).pollInterval(Duration.ofMillis(10)).pollDelay(Duration.ZERO);
    }
}
