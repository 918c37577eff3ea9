package conclave.store;

import static conclave.store.ChannelsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.Visibility;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged append is durable: a process killed right after it returns loses nothing. */
class KillAfterAppendTest {
    private static final long DEADLINE_SECONDS = 60;

    @TempDir
    Path dataDir;

    @Test
    void appendMessage_processKilledRightAfterItReturns_rowIsThereOnReopen() throws Exception {
        try (SqliteStore store = SqliteStore.open(dataDir, InstantSource.system())) {
            store.createChannel("lobby", Visibility.PUBLIC, "alice", StoreFixture.NO_CAP);
        }
        Path childErrors = dataDir.resolve("child-stderr.txt");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"),
                        AppendThenWait.class.getName(), dataDir.toString(), "lobby", "survives SIGKILL")
                .redirectError(childErrors.toFile())
                .start();
        long ts;
        try {
            ts = CompletableFuture.supplyAsync(() -> timestampPrintedBy(child))
                    .get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("child exited").isTrue();
        }

        try (SqliteStore reopened = SqliteStore.open(dataDir, InstantSource.system())) {
            assertThat(reopened.readSince("lobby", 0, 500, 0))
                    .as("child stderr: %s", Files.readString(childErrors))
                    .containsExactly(new MessageRecord("alice/box/s", bytes("survives SIGKILL"), ts));
        }
    }

    private static long timestampPrintedBy(Process child) {
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(AppendThenWait.MARKER)) {
                    return Long.parseLong(line.substring(AppendThenWait.MARKER.length()));
                }
            }
            throw new AssertionError("child ended without reporting an append");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
