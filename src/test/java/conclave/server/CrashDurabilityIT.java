package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.HistoryMessage;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash durability: posters load a {@code ./conclave serve} process, which is killed with SIGKILL
 * mid-load and restarted on the same data directory; every acknowledged message is in history,
 * in each poster's order, exactly once.
 */
class CrashDurabilityIT {
    private static final int POSTERS = 8;
    /** Posts a poster may have sent and not yet seen acknowledged. */
    private static final int IN_FLIGHT = 8;
    /** Acknowledgements across all posters before the kill, so the kill lands mid-load. */
    private static final int ACKED_BEFORE_KILL = 500;
    private static final Duration LOAD_DEADLINE = Duration.ofSeconds(120);
    private static final Duration KILL_DEADLINE = Duration.ofSeconds(10);
    private static final String CHANNEL = "load";

    @TempDir
    Path dataDir;

    @Test
    void sigkillMidLoad_restartOnTheSameDataDir_everyAckedMessageIsInHistoryInOrderExactlyOnce() throws Exception {
        SigningKey[] keys = new SigningKey[POSTERS];
        Poster[] posters = new Poster[POSTERS];
        ExecutorService threads = Executors.newFixedThreadPool(POSTERS);
        try (ServeProcess serve = ServeProcess.start("--data-dir", dataDir.toString(), "--rate-limit", "off")) {
            for (int i = 0; i < POSTERS; i++) {
                keys[i] = SigningKey.generate();
                WsTestClient client = WsTestClient.register(serve.address(), WireEncoding.BINCODE, user(i), "p", keys[i]);
                if (i == 0) {
                    client.send(new Frame.Admin(new AdminOp.CreateChannel(CHANNEL, Visibility.PUBLIC)));
                    client.next(Frame.Ack.class);
                }
                client.send(new Frame.Join(CHANNEL, Optional.empty()));
                client.next(Frame.Joined.class);
                posters[i] = new Poster(i, client);
            }
            List<Future<?>> running = new ArrayList<>();
            for (Poster poster : posters) {
                running.add(threads.submit(() -> {
                    poster.run();
                    return null;
                }));
            }

            await().atMost(LOAD_DEADLINE).until(() -> totalAcked(posters) >= ACKED_BEFORE_KILL);
            serve.kill(KILL_DEADLINE);

            for (Future<?> poster : running) {
                poster.get(LOAD_DEADLINE.toSeconds(), TimeUnit.SECONDS); // each sees the cut and stops
            }
        } finally {
            threads.shutdownNow();
            for (Poster poster : posters) {
                if (poster != null) {
                    poster.client.close();
                }
            }
        }
        Map<String, Integer> acked = new HashMap<>();
        for (Poster poster : posters) {
            acked.put(user(poster.index), poster.acked.get());
        }
        System.out.printf("crash durability: acked per poster before SIGKILL %s%n", acked);

        try (ServeProcess restarted = ServeProcess.start("--data-dir", dataDir.toString());
                WsTestClient reader = WsTestClient.login(restarted.address(), WireEncoding.BINCODE, keys[0], "reader")) {
            reader.send(new Frame.Join(CHANNEL, Optional.empty()));
            reader.next(Frame.Joined.class);
            Map<String, List<Integer>> stored = storedSequences(readAll(reader));

            for (Poster poster : posters) {
                String user = user(poster.index);
                int ackedCount = acked.get(user);
                List<Integer> sequence = stored.getOrDefault(user, List.of());
                // an unacknowledged post may or may not have been committed; none may be missing or repeated
                assertThat(sequence.size())
                        .as("%s: stored posts vs %d acked (acked per poster: %s)", user, ackedCount, acked)
                        .isGreaterThanOrEqualTo(ackedCount);
                for (int seq = 0; seq < sequence.size(); seq++) {
                    assertThat(sequence.get(seq)).as("%s: post at position %d of history", user, seq).isEqualTo(seq);
                }
            }
        }
    }

    private static String user(int index) {
        return "poster" + index;
    }

    private static int totalAcked(Poster[] posters) {
        int total = 0;
        for (Poster poster : posters) {
            total += poster.acked.get();
        }
        return total;
    }

    /** Pages through the whole channel history from the start, by timestamp. */
    private static List<HistoryMessage> readAll(WsTestClient reader) throws Exception {
        List<HistoryMessage> all = new ArrayList<>();
        long since = 0;
        while (true) {
            reader.send(new Frame.ReadSince(CHANNEL, since));
            List<HistoryMessage> page = reader.next(Frame.History.class).messages();
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            since = page.get(page.size() - 1).tsMs();
        }
    }

    /** Each poster's sequence numbers in history order. */
    private static Map<String, List<Integer>> storedSequences(List<HistoryMessage> history) {
        Map<String, List<Integer>> byUser = new HashMap<>();
        for (HistoryMessage message : history) {
            String body = ((Payload.Plain) message.payload()).body();
            String user = message.from().user();
            assertThat(body).as("body of a post by %s", user).startsWith(user + " #");
            byUser.computeIfAbsent(user, u -> new ArrayList<>()).add(Integer.parseInt(body.substring(user.length() + 2)));
        }
        return byUser;
    }

    /**
     * One client posting numbered messages with at most {@link #IN_FLIGHT} unacknowledged; acks
     * come back in request order, so the count acked says exactly which posts were acked. Stops
     * at the end of the connection, after counting every ack that arrived before it.
     */
    private static final class Poster {
        final int index;
        final WsTestClient client;
        final AtomicInteger acked = new AtomicInteger();

        Poster(int index, WsTestClient client) {
            this.index = index;
            this.client = client;
        }

        void run() throws InterruptedException {
            int sent = 0;
            boolean sending = true;
            while (true) {
                try {
                    while (sending && sent - acked.get() < IN_FLIGHT) {
                        client.send(new Frame.ChannelMsg(
                                CHANNEL, SessionPath.UNSTAMPED, new Payload.Plain(user(index) + " #" + sent)));
                        sent++;
                    }
                } catch (InterruptedException interrupted) {
                    throw interrupted;
                } catch (Exception cut) {
                    sending = false; // the server is gone mid-send; acks already received still count
                }
                WsTestClient.Event event = client.nextEvent();
                if (event instanceof WsTestClient.Closed) {
                    return;
                }
                Frame frame = ((WsTestClient.Received) event).frame();
                if (frame instanceof Frame.Ack) {
                    acked.incrementAndGet();
                } else if (!(frame instanceof Frame.ChannelMsg)) {
                    throw new AssertionError(user(index) + " got " + frame + " while posting");
                }
            }
        }
    }
}
