package conclave.server.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentiles_ofOneToTenThousandMicros_areWithinOnePercent() {
        LatencyRecorder recorder = new LatencyRecorder();

        for (long micros = 1; micros <= 10_000; micros++) {
            recorder.record(micros * 1_000);
        }

        assertThat(recorder.count()).isEqualTo(10_000);
        assertThat((double) recorder.percentile(50)).isCloseTo(5_000_000, within(50_000.0));
        assertThat((double) recorder.percentile(99)).isCloseTo(9_900_000, within(99_000.0));
        assertThat(recorder.percentile(99)).isGreaterThanOrEqualTo(9_900_000); // rounds up, never down
        assertThat(recorder.percentile(100)).isEqualTo(10_000_000);
        assertThat(recorder.max()).isEqualTo(10_000_000);
    }

    @Test
    void percentile_ofSmallValues_isExact() {
        LatencyRecorder recorder = new LatencyRecorder();

        recorder.record(100);
        recorder.record(100);
        recorder.record(127);

        assertThat(recorder.percentile(50)).isEqualTo(100);
        assertThat(recorder.percentile(66)).isEqualTo(100);
        assertThat(recorder.percentile(67)).isEqualTo(127);
    }

    @Test
    void percentile_ofOneOutlierInAHundred_separatesP99FromMax() {
        LatencyRecorder recorder = new LatencyRecorder();

        for (int i = 0; i < 99; i++) {
            recorder.record(1_000_000);
        }
        recorder.record(500_000_000);

        assertThat((double) recorder.percentile(99)).isCloseTo(1_000_000, within(10_000.0));
        assertThat(recorder.percentile(99.9)).isEqualTo(500_000_000);
    }

    @Test
    void record_negative_countsAsZero() {
        LatencyRecorder recorder = new LatencyRecorder();

        recorder.record(-5);

        assertThat(recorder.percentile(100)).isZero();
    }

    @Test
    void record_largestLong_fitsTheLastBucket() {
        LatencyRecorder recorder = new LatencyRecorder();

        recorder.record(Long.MAX_VALUE);

        assertThat(recorder.percentile(50)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void buckets_everyValueFallsInABucketWhoseHighestValueIsAtLeastIt() {
        for (long value : new long[] {0, 1, 127, 128, 129, 255, 256, 257, 1_000, 65_535, 1L << 40, (1L << 40) + 12_345}) {
            long highest = LatencyRecorder.highestInBucket(LatencyRecorder.index(value));
            assertThat(highest).as("bucket of %d", value).isGreaterThanOrEqualTo(value);
            assertThat((double) highest).as("bucket of %d", value).isLessThanOrEqualTo(Math.max(value, 1) * 1.008);
        }
    }

    @Test
    void percentile_empty_isAnError() {
        assertThatThrownBy(() -> new LatencyRecorder().percentile(50))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no latency was recorded");
    }

    @Test
    void percentile_outOfRange_namesTheRule() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(1);

        assertThatThrownBy(() -> recorder.percentile(0)).hasMessage("percentile : 0.0 (expected: > 0 and <= 100)");
        assertThatThrownBy(() -> recorder.percentile(100.5)).hasMessage("percentile : 100.5 (expected: > 0 and <= 100)");
    }
}
