package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestDrainTest {
    private final RequestDrain drain = new RequestDrain();

    @Test
    void withNothingInFlight_theDrainEndsAtOnce_andRefusesLaterSteps() {
        assertThat(drain.admit()).isTrue();
        drain.done();

        assertThat(drain.drain(Duration.ofSeconds(10))).isTrue();
        assertThat(drain.admit()).isFalse();
    }

    @Test
    void theDrainWaitsForTheStepsInFlight() throws Exception {
        assertThat(drain.admit()).isTrue();
        assertThat(drain.admit()).isTrue();

        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> drain.drain(Duration.ofSeconds(30)));
        drain.done();
        // once the drain has begun, later steps are refused
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            if (drain.admit()) {
                drain.done();
                return false;
            }
            return true;
        });
        assertThat(drained).as("one step still in flight").isNotDone();
        drain.done();

        assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aStepThatNeverEnds_letsTheDrainGiveUpAtItsDeadline() {
        assertThat(drain.admit()).isTrue();

        assertThat(drain.drain(Duration.ofMillis(50))).isFalse();
    }
}
