package conclave.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import conclave.Launcher;
import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import conclave.store.MessageRecord;
import conclave.store.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conclave admin backup} run as a process while a {@code conclave serve} process takes a
 * stream of posts: the copy opens as a store and holds an in-order prefix of the acked posts, at
 * least every post acked before the backup started.
 */
class BackupIT {
    private static final long DEADLINE_SECONDS = 120;

    @TempDir
    Path scratch;

    @Test
    void backupDuringPosting_isAConsistentPrefixOfTheAckedPosts() throws Exception {
        Path dataDir = scratch.resolve("data");
        Path copyDir = Files.createDirectories(scratch.resolve("copy"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger acked = new AtomicInteger();
        int ackedBefore;
        int ackedAfter;
        try (ServeProcess serve = ServeProcess.start("--data-dir", dataDir.toString(), "--rate-limit", "off");
                WsTestClient aaron = WsTestClient.register(serve.address(), WireEncoding.BINCODE, "aaron", "poster")) {
            aaron.send(new Frame.Admin(new AdminOp.CreateChannel("ops", Visibility.PRIVATE)));
            aaron.next(Frame.Ack.class);
            aaron.send(new Frame.Join("ops", Optional.empty()));
            aaron.next(Frame.Joined.class);
            CompletableFuture<Void> poster = CompletableFuture.runAsync(() -> {
                try {
                    while (!stop.get()) {
                        aaron.send(new Frame.ChannelMsg("ops", SessionPath.UNSTAMPED,
                                new Payload.Plain("post-" + acked.get() + ";")));
                        aaron.next(Frame.Ack.class);
                        acked.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(DEADLINE_SECONDS, TimeUnit.SECONDS).until(() -> acked.get() >= 50);
            ackedBefore = acked.get();
            Process backup = new ProcessBuilder("./conclave", "admin", "backup", "--data-dir", dataDir.toString(),
                    copyDir.resolve(SqliteStore.FILE_NAME).toString())
                    .directory(Launcher.ROOT.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(backup.getInputStream().readAllBytes(), UTF_8);
            assertThat(backup.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("backup finished").isTrue();
            ackedAfter = acked.get();
            stop.set(true);
            poster.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            assertThat(backup.exitValue()).as(output).isZero();
            assertThat(output).startsWith("backed up ").contains(" bytes to ");
        }

        try (SqliteStore copy = SqliteStore.open(copyDir, Clock.systemUTC())) {
            assertThat(copy.findUser("aaron")).isPresent();
            assertThat(copy.findChannel("ops")).isPresent();
            List<MessageRecord> history = copy.readSince("ops", 0, 1_000_000, 0);
            assertThat(history.size()).isBetween(ackedBefore, ackedAfter + 1);
            for (int i = 0; i < history.size(); i++) {
                assertThat(new String(history.get(i).payload(), UTF_8)).as("message %d", i).contains("post-" + i + ";");
            }
        }
    }
}
