package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: {@code ./conclave serve} as a real process, driven over real sockets. */
class ServeProcessIT {
    private static final Duration SIGTERM_DEADLINE = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    @Test
    void health_answersOk() throws Exception {
        try (ServeProcess serve = ServeProcess.start("--data-dir", dataDir.toString())) {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.address().getPort() + "/health"))
                            .timeout(WsTestClient.DEADLINE).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok");
            assertThat(serve.log()).contains("store opened data_dir=" + dataDir.toAbsolutePath());
        }
    }

    @Test
    void registerCreateJoinPost_deliversWithSenderPath_andOversizedMessageIsDropped() throws Exception {
        try (ServeProcess serve = ServeProcess.start("--ephemeral");
                WsTestClient a = WsTestClient.register(serve.address(), WireEncoding.BINCODE, "aaron", "razel");
                WsTestClient b = WsTestClient.register(serve.address(), WireEncoding.JSON, "bella", "web")) {
            a.send(new Frame.Admin(new AdminOp.CreateChannel("lobby", Visibility.PUBLIC)));
            a.next(Frame.Ack.class);
            a.send(new Frame.Join("lobby", Optional.empty()));
            a.next(Frame.Joined.class);
            b.send(new Frame.Join("lobby", Optional.empty()));
            b.next(Frame.Joined.class);

            a.send(new Frame.ChannelMsg("lobby", SessionPath.UNSTAMPED, new Payload.Plain("hello, agents")));
            a.next(Frame.Ack.class);

            Frame.ChannelMsg delivered = b.next(Frame.ChannelMsg.class);
            assertThat(delivered.from()).isEqualTo(new SessionPath("aaron", "box", "razel"));
            try {
                a.sendBinary(new byte[WebSocketUpgrade.MAX_MESSAGE_BYTES + 1]);
            } catch (ExecutionException cutMidSend) {
                // the server may cut the connection before the client finishes writing
            }
            a.awaitClosed();
        }
    }

    @Test
    void restartOnTheSameDataDir_keepsUsersChannelsBansHistoryAndServerId() throws Exception {
        RestartScenario scenario = new RestartScenario();
        String firstId;
        try (ServeProcess serve = ServeProcess.start("--data-dir", dataDir.toString())) {
            firstId = serverId(serve);
            assertThat(serverId(serve)).isEqualTo(firstId);
            scenario.seed(serve.address());
            assertThat(serve.terminate(SIGTERM_DEADLINE)).isZero();
        }

        try (ServeProcess serve = ServeProcess.start("--data-dir", dataDir.toString())) {
            assertThat(serverId(serve)).isEqualTo(firstId);
            scenario.assertKept(serve.address());
        }
    }

    @Test
    void sigterm_withAThousandSessions_closesEachWithGoingAwayAndExitsZeroWithinFiveSeconds() throws Exception {
        SigningKey key = SigningKey.generate();
        List<WsTestClient> sessions = new ArrayList<>();
        try (ServeProcess serve = ServeProcess.start("--ephemeral")) {
            sessions.add(WsTestClient.register(serve.address(), WireEncoding.BINCODE, "aaron", "s0", key));
            for (int i = 1; i < 1000; i++) {
                sessions.add(WsTestClient.login(serve.address(), WireEncoding.BINCODE, key, "s" + i));
            }

            long start = System.nanoTime();
            int exit = serve.terminate(SIGTERM_DEADLINE);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(exit).isZero();
            assertThat(took).isLessThan(SIGTERM_DEADLINE);
            for (WsTestClient session : sessions) {
                assertThat(session.awaitClosed()).isEqualTo(1001);
            }
            assertThat(serve.log()).contains("shutdown signal received; draining connections");
        } finally {
            sessions.forEach(WsTestClient::close);
        }
    }

    private static String serverId(ServeProcess serve) throws Exception {
        return RawUpgrade.serverId(serve.address()).orElseThrow(() -> new AssertionError("no x-conclave-server-id"));
    }

    @Test
    void limitsFromTheEnvironment_capBodiesAndRate() throws Exception {
        Map<String, String> environment = Map.of("CONCLAVE_MAX_BODY", "16", "CONCLAVE_RATE_LIMIT", "1/s:2");
        try (ServeProcess serve = ServeProcess.start(environment, "--ephemeral");
                WsTestClient a = WsTestClient.register(serve.address(), WireEncoding.BINCODE, "aaron", "razel")) {
            a.send(new Frame.Admin(new AdminOp.CreateChannel("lobby", Visibility.PUBLIC)));
            a.next(Frame.Ack.class);
            a.send(new Frame.Join("lobby", Optional.empty()));
            a.next(Frame.Joined.class);

            a.send(new Frame.ChannelMsg("lobby", SessionPath.UNSTAMPED, new Payload.Plain("x".repeat(17))));
            assertThat(a.next(Frame.Error.class).error().display())
                    .isEqualTo("malformed frame: message body exceeds 16 bytes");
            a.send(new Frame.ChannelMsg("lobby", SessionPath.UNSTAMPED, new Payload.Plain("second")));
            a.next(Frame.Ack.class);
            a.send(new Frame.ChannelMsg("lobby", SessionPath.UNSTAMPED, new Payload.Plain("third")));
            assertThat(a.next(Frame.Error.class).error().display()).startsWith("unauthorized: rate limited: retry in ");
        }
    }
}
