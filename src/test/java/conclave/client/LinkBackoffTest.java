package conclave.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LinkBackoffTest {
    private static final double NO_JITTER = 0;

    @Test
    void delay_firstAttempt_is200ms() {
        assertThat(LinkBackoff.delay(0, NO_JITTER)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void delay_eachAttempt_doublesUpToTheCap() {
        long[] millis = new long[10];
        for (int attempt = 0; attempt < millis.length; attempt++) {
            millis[attempt] = LinkBackoff.delay(attempt, NO_JITTER).toMillis();
        }

        assertThat(millis).containsExactly(200, 400, 800, 1600, 3200, 6400, 12_800, 25_600, 30_000, 30_000);
    }

    @Test
    void delay_attemptBelowTheCap_is25600ms() {
        assertThat(LinkBackoff.delay(7, NO_JITTER)).isEqualTo(Duration.ofMillis(25_600));
    }

    @Test
    void delay_attemptThatWouldPassTheCap_isExactly30s() {
        assertThat(LinkBackoff.delay(8, NO_JITTER)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void delay_hugeAttempt_staysAtTheCapWithoutOverflow() {
        assertThat(LinkBackoff.delay(63, NO_JITTER)).isEqualTo(Duration.ofSeconds(30));
        assertThat(LinkBackoff.delay(64, NO_JITTER)).isEqualTo(Duration.ofSeconds(30));
        assertThat(LinkBackoff.delay(Integer.MAX_VALUE, NO_JITTER)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void delay_largestRandom_takesAlmostAFifthAway() {
        assertThat(LinkBackoff.delay(0, Math.nextDown(1.0))).isEqualTo(Duration.ofMillis(161));
        assertThat(LinkBackoff.delay(20, 0.5)).isEqualTo(Duration.ofSeconds(27));
    }

    @Property
    void delay_anyAttemptAndRandom_staysWithinEightyToHundredPercentOfNominal(
            @ForAll @IntRange(min = 0, max = 100) int attempt,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        Duration nominal = LinkBackoff.delay(attempt, NO_JITTER);
        Duration jittered = LinkBackoff.delay(attempt, random);

        assertThat(jittered).isLessThanOrEqualTo(nominal);
        assertThat(jittered.toMillis()).isGreaterThanOrEqualTo(nominal.toMillis() * 8 / 10);
        assertThat(jittered).isLessThanOrEqualTo(LinkBackoff.CAP);
    }

    @Test
    void delay_randomOutOfRange_isRejectedNamingIt() {
        assertThatThrownBy(() -> LinkBackoff.delay(0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("random : 1.0 (expected: in [0, 1))");
        assertThatThrownBy(() -> LinkBackoff.delay(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinkBackoff.delay(-1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attempt : -1 (expected: >= 0)");
    }

    @Test
    void delay_startingAtOneSecond_doublesUpToTheCap() {
        long[] millis = new long[7];
        for (int attempt = 0; attempt < millis.length; attempt++) {
            millis[attempt] = LinkBackoff.delay(Duration.ofSeconds(1), attempt, NO_JITTER).toMillis();
        }

        assertThat(millis).containsExactly(1000, 2000, 4000, 8000, 16_000, 30_000, 30_000);
    }

    @Test
    void delay_startingAtOneSecond_hugeAttempt_staysAtTheCap() {
        assertThat(LinkBackoff.delay(Duration.ofSeconds(1), Integer.MAX_VALUE, NO_JITTER))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void delay_firstOutOfRange_isRejectedNamingIt() {
        assertThatThrownBy(() -> LinkBackoff.delay(Duration.ZERO, 0, NO_JITTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("first : PT0S (expected: in [1ms, 30s])");
        assertThatThrownBy(() -> LinkBackoff.delay(Duration.ofSeconds(31), 0, NO_JITTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("first : PT31S (expected: in [1ms, 30s])");
        assertThat(LinkBackoff.delay(Duration.ofSeconds(30), 0, NO_JITTER)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void attemptAfterDrop_upFor30s_startsOver() {
        assertThat(LinkBackoff.attemptAfterDrop(6, Duration.ofSeconds(30))).isZero();
    }

    @Test
    void attemptAfterDrop_upFor29s_keepsEscalating() {
        assertThat(LinkBackoff.attemptAfterDrop(6, Duration.ofSeconds(29))).isEqualTo(6);
    }

    @Test
    void attemptAfterDrop_oneNanosecondShortOf30s_keepsEscalating() {
        assertThat(LinkBackoff.attemptAfterDrop(6, Duration.ofSeconds(30).minusNanos(1))).isEqualTo(6);
    }

    @Test
    void sequence_instantDropsThenAStableConnection_resetsTo200ms() {
        int attempt = 0;
        Duration first = LinkBackoff.delay(attempt++, NO_JITTER);
        attempt = LinkBackoff.attemptAfterDrop(attempt, Duration.ofMillis(50));
        Duration second = LinkBackoff.delay(attempt++, NO_JITTER);
        attempt = LinkBackoff.attemptAfterDrop(attempt, Duration.ofMillis(50));
        Duration third = LinkBackoff.delay(attempt++, NO_JITTER);
        attempt = LinkBackoff.attemptAfterDrop(attempt, Duration.ofSeconds(31));
        Duration afterStable = LinkBackoff.delay(attempt, NO_JITTER);

        assertThat(first).isEqualTo(Duration.ofMillis(200));
        assertThat(second).isEqualTo(Duration.ofMillis(400));
        assertThat(third).isEqualTo(Duration.ofMillis(800));
        assertThat(afterStable).isEqualTo(Duration.ofMillis(200));
    }
}
