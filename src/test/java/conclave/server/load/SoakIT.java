package conclave.server.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soak: a {@code conclave serve} process with its store on disk carries 10,000 subscriber
 * sessions on 100 channels while 1,000 messages/s are posted over them for 10 minutes (100,000
 * deliveries/s). The heap after a full GC at minute 10 is at most 10 % above minute 1, every
 * acked message reaches every subscriber of its channel, and no session is cut. Results go into
 * RELIABILITY.md.
 *
 * <p>Runs only in the {@code reliability} profile. Sized by system properties for a quick try:
 * {@code conclave.soak.subscribers} (10000), {@code conclave.soak.channels} (100),
 * {@code conclave.soak.rate} messages/s (1000), {@code conclave.soak.minutes} (10, at least 2).
 */
@Tag("reliability")
class SoakIT {
    private static final SoakBench.Shape SHAPE = new SoakBench.Shape(
            Integer.getInteger("conclave.soak.subscribers", 10_000),
            Integer.getInteger("conclave.soak.channels", 100),
            Integer.getInteger("conclave.soak.rate", 1_000),
            Duration.ofMinutes(Integer.getInteger("conclave.soak.minutes", 10)));
    private static final int CLIENT_THREADS = 2;
    private static final double MAX_HEAP_GROWTH = 0.10;

    @TempDir
    Path data;

    @Test
    void tenMinutesOfFanOut_heapFlat_nothingLost_nobodyCut() throws Exception {
        SoakBench.Result result;
        try (ServerProcess server = ServerProcess.conclaveOnDisk(List.of(), null, data)) {
            result = new SoakBench(server, CLIENT_THREADS, SHAPE).run();
            print(result, server);
        }

        assertThat(result.lostSessions()).as("sessions cut during the soak").isZero();
        assertThat(result.publishErrors()).as("posts refused").isZero();
        assertThat(result.acked()).as("posts acked").isEqualTo(result.published());
        assertThat(result.gaps()).as("posts a subscriber skipped").isZero();
        assertThat(result.undelivered()).as("acked posts a subscriber never got").isZero();
        assertThat(result.drained()).as("drained within the deadline").isTrue();
        assertThat(result.heapGrowth()).as("heap growth from minute 1 to minute %d", result.heap().size())
                .isLessThanOrEqualTo(MAX_HEAP_GROWTH);
    }

    private static void print(SoakBench.Result result, ServerProcess server) {
        System.out.printf("soak (load average %.2f):%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        result.print(SHAPE, System.out);
        System.out.printf("  server log: %d WARN, %d ERROR lines%n",
                server.logLinesContaining(" WARN "), server.logLinesContaining(" ERROR "));
    }
}
