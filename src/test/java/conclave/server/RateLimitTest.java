package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code --rate-limit} grammar and the token bucket behind it. */
class RateLimitTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void parse_rateAndBurst_givesBoth() {
        assertThat(RateLimit.parse("20/s:60")).contains(new RateLimit(20, 60));
    }

    @Test
    void parse_rateAlone_burstIsThreeTimesTheRate() {
        assertThat(RateLimit.parse("5/s")).contains(new RateLimit(5, 15));
    }

    @Test
    void parse_off_isEmpty() {
        assertThat(RateLimit.parse("off")).isEqualTo(Optional.empty());
    }

    @Test
    void parse_garbage_namesTheValueAndTheForm() {
        for (String bad : new String[] {"", "20", "20/m", "x/s", "20/s:", "20/s:x", "-1/s", "1/s:1:2", "9999999999/s"}) {
            assertThatThrownBy(() -> RateLimit.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("`" + bad + "`");
        }
    }

    @Test
    void parse_zero_isRefusedWithTheRule() {
        assertThatThrownBy(() -> RateLimit.parse("0/s:5")).hasMessage("rates and bursts must be at least 1, got `0/s:5`");
        assertThatThrownBy(() -> RateLimit.parse("5/s:0")).hasMessage("rates and bursts must be at least 1, got `5/s:0`");
    }

    @Test
    void bucket_burstThenEmpty_saysHowLongUntilTheNextToken() {
        TokenBucket bucket = new TokenBucket(new RateLimit(20, 60), 0);

        for (int i = 0; i < 60; i++) {
            assertThat(bucket.take(0)).as("token %d", i).isZero();
        }
        assertThat(bucket.take(0)).isEqualTo(SECOND / 20);
    }

    @Test
    void bucket_refillsAtTheRate_andNeverBeyondTheBurst() {
        TokenBucket bucket = new TokenBucket(new RateLimit(10, 2), 0);
        bucket.take(0);
        bucket.take(0);

        assertThat(bucket.take(SECOND / 20)).isEqualTo(SECOND / 20);
        assertThat(bucket.take(SECOND / 10)).isZero();
        assertThat(bucket.take(100 * SECOND)).isZero();
        assertThat(bucket.take(100 * SECOND)).isZero();
        assertThat(bucket.take(100 * SECOND)).isPositive();
    }
}
