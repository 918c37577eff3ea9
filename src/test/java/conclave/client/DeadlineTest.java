package conclave.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    private final AtomicLong nanos = new AtomicLong(1_000);

    @Test
    void remaining_partWayThrough_isWhatIsLeft() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(30), nanos::get);

        nanos.addAndGet(Duration.ofSeconds(10).toNanos());

        assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(20));
        assertThat(deadline.expired()).isFalse();
        assertThat(deadline.budget()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void expired_oneNanosecondBefore_isFalse() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(30), nanos::get);

        nanos.addAndGet(Duration.ofSeconds(30).toNanos() - 1);

        assertThat(deadline.expired()).isFalse();
        assertThat(deadline.remaining()).isEqualTo(Duration.ofNanos(1));
    }

    @Test
    void expired_atTheBudget_isTrueWithNothingLeft() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(30), nanos::get);

        nanos.addAndGet(Duration.ofSeconds(30).toNanos());

        assertThat(deadline.expired()).isTrue();
        assertThat(deadline.remaining()).isEqualTo(Duration.ZERO);
    }

    @Test
    void after_zeroBudget_isRejectedNamingIt() {
        assertThatThrownBy(() -> Deadline.after(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("budget : PT0S (expected: > 0)");
    }

    @Test
    void durationsText_wholeSecondsAndMillis_readNaturally() {
        assertThat(Durations.text(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(Durations.text(Duration.ofMillis(700))).isEqualTo("700ms");
        assertThat(Durations.text(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
