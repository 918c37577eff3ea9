package conclave.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class Rfc3339Test {
    @Test
    void format_wholeSecond_hasNoFraction() {
        assertThat(Rfc3339.format(Instant.parse("2026-07-02T10:11:12Z"))).isEqualTo("2026-07-02T10:11:12+00:00");
    }

    @Test
    void format_milliseconds_hasThreeDigits() {
        assertThat(Rfc3339.format(Instant.parse("2026-07-02T10:11:12.120Z")))
                .isEqualTo("2026-07-02T10:11:12.120+00:00");
    }

    @Test
    void format_microseconds_hasSixDigits() {
        assertThat(Rfc3339.format(Instant.parse("2026-07-02T10:11:12.000001Z")))
                .isEqualTo("2026-07-02T10:11:12.000001+00:00");
    }

    @Test
    void format_nanoseconds_hasNineDigits() {
        assertThat(Rfc3339.format(Instant.parse("2026-07-02T10:11:12.123456789Z")))
                .isEqualTo("2026-07-02T10:11:12.123456789+00:00");
    }

    @Test
    void format_epoch_isMidnight1970() {
        assertThat(Rfc3339.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00+00:00");
    }

    @Test
    void format_beforeEpoch_keepsThePositiveFraction() {
        assertThat(Rfc3339.format(Instant.ofEpochMilli(-1))).isEqualTo("1969-12-31T23:59:59.999+00:00");
    }
}
