package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.ChildProcess;
import conclave.Launcher;
import conclave.server.ServeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * reference/cli.md §7.1 scenarios 12–15 end to end: {@code send} and {@code tail} as launcher
 * processes against one {@code ./conclave serve} process with a data directory, restarted on the
 * same port for the reconnect scenario. Each test tails its own channel.
 */
class CliStreamIT {
    /** Generous: a JVM start, a reconnect backoff and a server restart on a loaded two-core machine. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path temp;

    private static Path data;
    private static ServeProcess serve;
    private static String url;
    private static Path aaron;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createDirectory(temp.resolve("data"));
        serve = ServeProcess.start("--data-dir", data.toString());
        url = "ws://127.0.0.1:" + serve.address().getPort();
        aaron = temp.resolve("aaron");
        ok("register", "--server", url, "--username", "aaron", "--machine", "workstation");
    }

    @AfterAll
    static void stop() throws Exception {
        serve.close();
    }

    private static List<String> args(String... args) {
        List<String> all = new ArrayList<>(List.of("--config-dir", aaron.toString()));
        all.addAll(List.of(args));
        return all;
    }

    private static String ok(String... args) {
        ChildProcess.Result result = Launcher.run(temp, args(args).toArray(String[]::new));
        assertThat(result.err()).as("stderr of %s", List.of(args)).isEmpty();
        assertThat(result.exitCode()).as("exit code of %s", List.of(args)).isZero();
        return result.out();
    }

    private static void send(String channel, String text) {
        assertThat(ok("send", "--server", url, "--channel", channel, text)).isEqualTo("✓ sent to " + channel + "\n");
    }

    private static ChildProcess tail(String... args) {
        List<String> all = new ArrayList<>(List.of("tail", "--server", url));
        all.addAll(List.of(args));
        return Launcher.start(temp, Map.of(), args(all.toArray(String[]::new)).toArray(String[]::new));
    }

    /** Ctrl-C, then the exit code, which must come within the wait. */
    private static ChildProcess.Result interrupt(ChildProcess tail) {
        tail.signal("INT");
        return tail.waitFor(WAIT);
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
    void tail_thenSend_streamsTheMessageWithItsSender_andCtrlCExitsZero() {
        ok("channel", "create", "watch", "--server", url);
        try (ChildProcess tail = tail("--channel", "watch")) {
            tail.awaitOut("\n", WAIT);
            assertThat(tail.out()).matches("tailing #watch as aaron/workstation/cli-\\d+ — Ctrl-C to stop\n");

            send("watch", "hello from the plain CLI");

            tail.awaitOut("hello from the plain CLI", WAIT);
            assertThat(tail.out().lines().toList().get(1))
                    .matches("\\[watch\\] aaron/workstation/cli-\\d+: hello from the plain CLI");
            ChildProcess.Result stopped = interrupt(tail);
            assertThat(stopped.exitCode()).isZero();
            assertThat(stopped.err()).isEmpty();
        }
    }

    @Test
    void tailSince_printsTheAnnounceThenTheBacklogThenLive() {
        ok("channel", "create", "backlog", "--server", url);
        send("backlog", "sent before any tail");

        try (ChildProcess tail = tail("--channel", "backlog", "--since", "1h")) {
            tail.awaitOut("sent before any tail", WAIT);
            send("backlog", "sent while tailing");
            tail.awaitOut("sent while tailing", WAIT);

            List<String> lines = tail.out().lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).startsWith("tailing #backlog as aaron/workstation/cli-");
            assertThat(lines.get(1)).matches("\\[backlog\\] aaron/workstation/cli-\\d+: sent before any tail");
            assertThat(lines.get(2)).matches("\\[backlog\\] aaron/workstation/cli-\\d+: sent while tailing");
            assertThat(interrupt(tail).exitCode()).isZero();
        }
    }

    @Test
    void tail_acrossAServerRestart_keepsRunningReportsOnStderrAndMissesNothing() throws Exception {
        ok("channel", "create", "relay", "--server", url);
        try (ChildProcess tail = tail("--channel", "relay", "--since", "1h")) {
            tail.awaitOut("tailing #relay", WAIT);
            send("relay", "before-restart");
            tail.awaitOut("before-restart", WAIT);

            int port = serve.address().getPort();
            assertThat(serve.terminate(Duration.ofSeconds(5))).isZero();
            tail.awaitErr("⚠ connection to `" + url + "` lost — reconnecting (Ctrl-C to stop)\n", WAIT);
            ChildProcess.Result status = Launcher.run(temp, args("status").toArray(String[]::new));
            assertThat(status.exitCode()).isEqualTo(1);
            assertThat(status.out()).contains(url + "\taaron/workstation\tunreachable: ");
            serve.close();
            serve = ServeProcess.startBound("127.0.0.1:" + port, "--data-dir", data.toString());
            send("relay", "after-restart");

            tail.awaitOut("after-restart", WAIT);
            tail.awaitErr("✓ reconnected; resuming #relay\n", WAIT);
            assertThat(tail.isAlive()).isTrue();
            assertThat(count(tail.out(), "before-restart")).isEqualTo(1);
            assertThat(count(tail.out(), "after-restart")).isEqualTo(1);
            assertThat(tail.out().lines()).hasSize(3);
            assertThat(interrupt(tail).exitCode()).isZero();
        }
    }

    @Test
    void tail_stdoutClosedByItsReader_endsQuietlyWithTheSigpipeStatus() throws Exception {
        ok("channel", "create", "closed", "--server", url);
        try (ChildProcess process = Launcher.startPiped(
                args("tail", "--server", url, "--channel", "closed").toArray(String[]::new))) {
            process.stdout().close(); // the reader goes away before the first line
            process.stdin().close();

            assertThat(process.exitWithin(WAIT)).isEqualTo(141);
            assertThat(process.err()).isEmpty();
        }
    }
}
