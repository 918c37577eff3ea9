package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import conclave.identity.SigningKey;
import conclave.protocol.Bytes;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}, scraped over HTTP from a real server after a scenario over real WebSockets. */
class MetricsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(DEADLINE).build();
    private ConclaveServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Two users on one channel; posts and a whisper until the rate limit refuses some; a forged
     * login, a frame out of order and a superseded session. Every counter shows exactly what the
     * clients saw, and no body, token or key appears in the scrape.
     */
    @Test
    void afterAScenario_countsMatchWhatClientsSaw_andNoSecretLeaks() throws Exception {
        ServerLimits limits = new ServerLimits(Optional.of(new RateLimit(1, 3)), 64 * 1024, 100, 32, 100, 100);
        server = ConclaveServer.start(new ServerOptions(ANY_PORT, Optional.empty(), List.of(), limits));
        String body = "body-" + UUID.randomUUID();
        SigningKey aaronKey = SigningKey.generate();
        int accepted = 0;
        int rateLimited = 0;
        String token;
        try (WsTestClient aaron = WsTestClient.register(server.address(), WireEncoding.BINCODE, "aaron", "razel", aaronKey);
                WsTestClient bella = WsTestClient.register(server.address(), WireEncoding.JSON, "bella", "web")) {
            token = aaron.sharePrivateChannel("ops", bella);
            aaron.send(new Frame.Whisper(SessionPath.UNSTAMPED, new SessionPath("bella", "box", "web"),
                    new Payload.Plain(body)));
            if (aaron.next() instanceof Frame.Ack) {
                accepted++;
            } else {
                rateLimited++;
            }
            for (int i = 0; i < 8; i++) {
                aaron.send(new Frame.ChannelMsg("ops", SessionPath.UNSTAMPED, new Payload.Plain(body)));
                Frame reply = aaron.next();
                if (reply instanceof Frame.Ack) {
                    accepted++;
                } else {
                    assertThat(reply).asString().contains("rate limited");
                    rateLimited++;
                }
            }
            for (int i = 0; i < accepted; i++) {
                assertThat(bella.next()).isInstanceOfAny(Frame.ChannelMsg.class, Frame.Whisper.class);
            }
            try (WsTestClient impostor = WsTestClient.connect(server.address(), WireEncoding.BINCODE)) {
                impostor.send(new Frame.Hello(1, "fake"));
                impostor.next(Frame.Challenge.class);
                impostor.send(new Frame.Auth(Bytes.of(aaronKey.publicKey().bytes()),
                        Bytes.of(SigningKey.generate().sign(new byte[32]).bytes())));
                impostor.next(Frame.Error.class);
            }
            try (WsTestClient confused = WsTestClient.connect(server.address(), WireEncoding.JSON)) {
                confused.send(new Frame.Ping());
                confused.next(Frame.Error.class);
            }
            try (WsTestClient again = WsTestClient.login(server.address(), WireEncoding.BINCODE, aaronKey, "razel")) {
                aaron.next(Frame.Error.class);
                String text = awaitScrape(server.address(), "conclave_force_drops_total{reason=\"superseded\"} 1.0");

                assertThat(rateLimited).as("the burst of 3 at 1/s is spent by 9 quick requests").isPositive();
                assertThat(text)
                        .contains("conclave_handshakes_total{outcome=\"established\"} 3.0")
                        .contains("conclave_handshakes_total{outcome=\"unauthorized\"} 1.0")
                        .contains("conclave_handshakes_total{outcome=\"malformed_frame\"} 1.0")
                        .contains("conclave_deliveries_total " + accepted + ".0")
                        .contains("conclave_rate_limited_total " + rateLimited + ".0")
                        .contains("conclave_channels 1.0")
                        .contains("conclave_store_operation_seconds_count{operation=\"appendMessage\"} "
                                + (accepted - 1) + "\n")
                        .contains("conclave_store_operation_seconds_bucket{operation=\"register\",le=\"+Inf\"} 2\n");
                await().atMost(DEADLINE).untilAsserted(() -> assertThat(scrape(server.address()))
                        .contains("conclave_sessions 2.0")
                        .contains("conclave_connections 2.0"));
                assertThat(text)
                        .doesNotContain(body)
                        .doesNotContain(token)
                        .doesNotContain(Base64.getUrlEncoder().withoutPadding()
                                .encodeToString(aaronKey.publicKey().bytes()));
            }
        }
    }

    @Test
    void metricsBind_servesMetricsThereOnly() throws Exception {
        server = ConclaveServer.start(new ServerOptions(
                ANY_PORT, Optional.empty(), List.of(), ServerLimits.DEFAULT, Optional.of(ANY_PORT)));
        InetSocketAddress metrics = server.metricsAddress().orElseThrow();

        HttpResponse<String> separate = get(metrics, "/metrics");
        assertThat(separate.statusCode()).isEqualTo(200);
        assertThat(separate.headers().firstValue("content-type")).hasValue(ServerMetrics.CONTENT_TYPE);
        assertThat(separate.body()).contains("# TYPE conclave_sessions gauge", "conclave_sessions 0.0");
        assertThat(get(server.address(), "/metrics").statusCode()).isEqualTo(404);
        assertThat(get(metrics, "/health").statusCode()).isEqualTo(404);
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics.getPort() + "/metrics"))
                .timeout(DEADLINE)
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build();
        assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(get(server.address(), "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void withoutMetricsBind_theClientPortServesMetrics() throws Exception {
        server = ConclaveServer.start(new ServerOptions(ANY_PORT, Optional.empty(), List.of()));

        HttpResponse<String> response = get(server.address(), "/metrics");

        assertThat(server.metricsAddress()).isEmpty();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue(ServerMetrics.CONTENT_TYPE);
        assertThat(response.body()).contains("# TYPE conclave_handshakes_total counter");
    }

    private String awaitScrape(InetSocketAddress address, String line) {
        return await().atMost(DEADLINE).until(() -> scrape(address), text -> text.contains(line));
    }

    private String scrape(InetSocketAddress address) throws Exception {
        HttpResponse<String> response = get(address, "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(InetSocketAddress address, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path))
                .timeout(DEADLINE)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
