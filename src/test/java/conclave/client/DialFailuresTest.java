package conclave.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DialFailuresTest {
    private static final String REFUSED = "failed to connect to `ws://h`: connection refused";
    private static final String REJECTED = "authentication rejected: unauthorized: unknown machine key";

    private final DialFailures failures = new DialFailures();

    @Test
    void failed_secondConsecutiveFailure_staysQuiet() {
        failures.failed(REFUSED);

        assertThat(failures.failed(REFUSED)).isEmpty();
    }

    @Test
    void failed_thirdConsecutiveFailure_givesANotice() {
        failures.failed(REFUSED);
        failures.failed(REFUSED);

        assertThat(failures.failed(REFUSED)).contains(new LinkEvent.DialFailing(3, REFUSED));
    }

    @Test
    void failed_fourthWithTheSameReason_staysQuiet() {
        for (int i = 0; i < 3; i++) {
            failures.failed(REFUSED);
        }

        assertThat(failures.failed(REFUSED)).isEmpty();
    }

    @Test
    void failed_reasonChangesAfterTheThird_givesANotice() {
        for (int i = 0; i < 4; i++) {
            failures.failed(REFUSED);
        }

        assertThat(failures.failed(REJECTED)).contains(new LinkEvent.DialFailing(5, REJECTED));
    }

    @Test
    void failed_reasonChangesBeforeTheThird_waitsForTheThird() {
        failures.failed(REFUSED);

        Optional<LinkEvent.DialFailing> second = failures.failed(REJECTED);
        Optional<LinkEvent.DialFailing> third = failures.failed(REJECTED);

        assertThat(second).isEmpty();
        assertThat(third).contains(new LinkEvent.DialFailing(3, REJECTED));
    }

    @Test
    void failed_noticeAfterOne_firstFailureGivesANotice() {
        DialFailures fatalFirst = new DialFailures(1);

        assertThat(fatalFirst.failed(REFUSED)).contains(new LinkEvent.DialFailing(1, REFUSED));
        assertThat(fatalFirst.failed(REFUSED)).isEmpty();
        assertThat(fatalFirst.failed(REJECTED)).contains(new LinkEvent.DialFailing(3, REJECTED));
    }

    @Test
    void constructor_noticeAfterZero_isRejectedNamingIt() {
        assertThatThrownBy(() -> new DialFailures(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("noticeAfter : 0 (expected: > 0)");
    }

    @Test
    void succeeded_betweenFailures_startsTheCountOver() {
        failures.failed(REFUSED);
        failures.failed(REFUSED);
        failures.succeeded();

        assertThat(failures.failed(REFUSED)).isEmpty();
        assertThat(failures.failed(REFUSED)).isEmpty();
        assertThat(failures.failed(REFUSED)).isPresent();
    }
}
