package conclave.cli;

import static conclave.cli.LiveServer.run;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.client.ControlOptions;
import conclave.client.ControlSession;
import conclave.client.ServerUrl;
import conclave.identity.KeyFile;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.server.ConclaveServer;
import conclave.server.ServerOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tail}'s logic on a real in-process server with a real SQLite file, restarts included. */
class ChannelTailTest {
    private static final String CLI = ControlOptions.defaultHandle();

    @TempDir
    Path data;

    @TempDir
    Path aaron;

    @TempDir
    Path david;

    private ConclaveServer server;
    private String url;

    @BeforeEach
    void start() {
        server = ConclaveServer.start(new ServerOptions(
                new InetSocketAddress("127.0.0.1", 0), Optional.of(data), List.of()));
        url = "ws://127.0.0.1:" + server.address().getPort();
        ok(run(aaron, "register", "--server", url, "--username", "aaron", "--machine", "workstation"));
        ok(run(david, "register", "--server", url, "--username", "david", "--machine", "desk"));
        ok(run(aaron, "channel", "create", "watch", "--server", url));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void ok(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private void send(Path who, String text) {
        ok(run(who, "send", "--server", url, "--channel", "watch", text));
    }

    private static int count(String haystack, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    @Test
    void tail_announcesThenStreamsEachMessageWithItsSender() {
        try (TailRun tail = new TailRun(url, aaron, "watch", "watcher", OptionalLong.empty())) {
            tail.awaitOut("tailing #watch as aaron/workstation/watcher — Ctrl-C to stop\n");

            send(aaron, "hello from the plain CLI");

            tail.awaitOut("[watch] aaron/workstation/" + CLI + ": hello from the plain CLI\n");
            assertThat(tail.out()).startsWith("tailing #watch");
            assertThat(tail.err()).isEmpty();
        }
    }

    @Test
    void tail_since_printsTheBacklogAfterTheAnnounceThenLive() throws Exception {
        send(david, "backlog message");

        try (TailRun tail = new TailRun(url, aaron, "watch", "watcher",
                OptionalLong.of(TailCommand.startOf("1h", System.currentTimeMillis())))) {
            tail.awaitOut("backlog message");
            send(david, "live message");
            tail.awaitOut("live message");

            assertThat(tail.out().lines()).containsExactly(
                    "tailing #watch as aaron/workstation/watcher — Ctrl-C to stop",
                    "[watch] david/desk/" + CLI + ": backlog message",
                    "[watch] david/desk/" + CLI + ": live message");
            assertThat(tail.stop()).isZero();
        }
    }

    @Test
    void tail_acrossAServerRestart_reportsItOnStderrAndPrintsEveryMessageOnce() throws Exception {
        try (TailRun tail = new TailRun(url, aaron, "watch", "watcher", OptionalLong.empty())) {
            tail.awaitOut("tailing #watch");
            send(david, "before-restart");
            tail.awaitOut("before-restart");

            int port = server.address().getPort();
            server.close();
            tail.awaitErr("⚠ connection to `" + url + "` lost — reconnecting (Ctrl-C to stop)\n");
            server = ConclaveServer.start(new ServerOptions(
                    new InetSocketAddress("127.0.0.1", port), Optional.of(data), List.of()));
            send(david, "during-outage"); // most likely before the tail's first re-dial, 1 s after the drop
            tail.awaitErr("✓ reconnected; resuming #watch\n");
            send(david, "after-restart");
            tail.awaitOut("after-restart");

            assertThat(count(tail.out(), "before-restart")).isEqualTo(1);
            assertThat(count(tail.out(), "during-outage")).isEqualTo(1);
            assertThat(count(tail.out(), "after-restart")).isEqualTo(1);
            assertThat(tail.out().lines()).hasSize(4);
            assertThat(tail.ended).isNotDone();
        }
    }

    @Test
    void tail_whisperToItsSession_isPrintedAsAWhisper() throws Exception {
        try (TailRun tail = new TailRun(url, aaron, "watch", "watcher", OptionalLong.empty());
                ControlSession session = ControlSession.login(ControlOptions.of(
                        ServerUrl.parse(url), new KeyFile(david.resolve("key")).load()))) {
            tail.awaitOut("tailing #watch");

            session.request(new Frame.Whisper(SessionPath.UNSTAMPED,
                    new SessionPath("aaron", "workstation", "watcher"), new Payload.Plain("psst")), Frame.Ack.class);

            tail.awaitOut("[whisper] david/desk/" + CLI + ": psst\n");
        }
    }

    @Test
    void tail_bodyWithATerminalEscape_isPrintedEscaped() {
        try (TailRun tail = new TailRun(url, aaron, "watch", "watcher", OptionalLong.empty())) {
            tail.awaitOut("tailing #watch");

            send(david, "\u001b]0;owned\u0007\u001b[2Jfake\n[watch] admin/x/y: obey");

            tail.awaitOut("fake");
            assertThat(tail.out()).doesNotContain("\u001b").contains(
                    ": \\u001b]0;owned\\u0007\\u001b[2Jfake\\n[watch] admin/x/y: obey\n");
        }
    }

    @Test
    void tail_supersededBySameHandle_endsWithTheServersReason() throws Exception {
        try (TailRun tail = new TailRun(url, aaron, "watch", "watcher", OptionalLong.empty())) {
            tail.awaitOut("tailing #watch");

            ControlSession.login(ControlOptions.of(ServerUrl.parse(url), new KeyFile(aaron.resolve("key")).load())
                    .withHandle("watcher")).close();

            assertThat(tail.failure()).isEqualTo("server terminated the stream: unauthorized: "
                    + "session superseded by a newer connection for the same session path");
        }
    }

    @Test
    void tail_firstConnectionRefused_failsAtOnceWithoutRetrying() throws Exception {
        server.close();

        try (TailRun tail = new TailRun(url, aaron, "watch", "watcher", OptionalLong.empty())) {
            assertThat(tail.failure()).startsWith("failed to connect to `" + url + "`: ");
            assertThat(tail.out()).isEmpty();
        }
    }

    @Test
    void tail_joinRefused_failsWithTheServersError() throws Exception {
        try (TailRun tail = new TailRun(url, aaron, "nope", "watcher", OptionalLong.empty())) {
            assertThat(tail.failure()).isEqualTo("join rejected: not found: channel `nope` not found");
        }
    }
}
