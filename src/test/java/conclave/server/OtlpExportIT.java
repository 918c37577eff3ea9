package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * OTLP export end to end (reference/cli.md §4.4): {@code ./conclave serve} as a process with
 * {@code CONCLAVE_OTLP_ENDPOINT} pointing at a collector inside this test. Request spans and log
 * records arrive with the headers from {@code OTEL_EXPORTER_OTLP_HEADERS}, and no export carries
 * a message body or an invite token.
 */
class OtlpExportIT {
    private static final Duration EXPORT_DEADLINE = Duration.ofSeconds(60);
    private static final String PLANTED_BODY = "planted-body-5f3c9e1d";

    @Test
    void endpointSet_requestSpansAndLogsArriveWithTheHeaders_neverABodyOrAToken() throws Exception {
        try (OtlpCollector collector = OtlpCollector.start();
                ServeProcess serve = ServeProcess.start(Map.of(
                        "CONCLAVE_OTLP_ENDPOINT", collector.base() + "/",
                        "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Basic%20b3RscDpzM2NyZXQ=,X-Scope=conclave+test",
                        "OTEL_BSP_SCHEDULE_DELAY", "200",
                        "OTEL_BLRP_SCHEDULE_DELAY", "200"), "--ephemeral");
                WsTestClient aaron = WsTestClient.register(serve.address(), WireEncoding.BINCODE, "aaron", "razel")) {
            aaron.send(new Frame.Admin(new AdminOp.CreateChannel("otlp-room", Visibility.PRIVATE)));
            aaron.next(Frame.Ack.class);
            aaron.send(new Frame.Join("otlp-room", Optional.empty()));
            aaron.next(Frame.Joined.class);
            aaron.send(new Frame.ChannelMsg("otlp-room", SessionPath.UNSTAMPED, new Payload.Plain(PLANTED_BODY)));
            aaron.next(Frame.Ack.class);
            aaron.send(new Frame.Admin(new AdminOp.InviteCreate("otlp-room", Optional.of(1L), Optional.empty())));
            String token = aaron.next(Frame.InviteToken.class).token();
            aaron.send(new Frame.Join("no-such-room", Optional.empty()));
            aaron.next(Frame.Error.class);

            await().atMost(EXPORT_DEADLINE).until(() -> collector.exports("/v1/traces").stream()
                    .anyMatch(export -> export.bodyContains("no-such-room")));
            await().atMost(EXPORT_DEADLINE).until(() -> collector.exports("/v1/logs").stream()
                    .anyMatch(export -> export.bodyContains("session established")));

            assertThat(collector.exports("/v1/traces"))
                    .anyMatch(export -> export.bodyContains("channel_msg") && export.bodyContains("otlp-room")
                            && export.bodyContains("aaron/box/razel") && export.bodyContains("conclave.channel"))
                    .anyMatch(export -> export.bodyContains("admin create_channel"))
                    .allMatch(export -> export.bodyContains("service.name") && export.bodyContains("conclave"));
            assertThat(collector.exports()).isNotEmpty().allSatisfy(export -> {
                assertThat(export.path()).isIn("/v1/traces", "/v1/logs");
                assertThat(export.header("authorization")).isEqualTo("Basic b3RscDpzM2NyZXQ=");
                assertThat(export.header("x-scope")).isEqualTo("conclave+test");
                assertThat(export.header("content-type")).isEqualTo("application/x-protobuf");
                assertThat(export.bodyContains(PLANTED_BODY)).as("an export carries the message body").isFalse();
                assertThat(export.bodyContains(token)).as("an export carries the invite token").isFalse();
            });
        }
    }

    @Test
    void endpointNotAUrl_warnsOnceAndServesWithoutExport() throws Exception {
        try (ServeProcess serve = ServeProcess.start(Map.of("CONCLAVE_OTLP_ENDPOINT", "collector:4318"), "--ephemeral");
                WsTestClient aaron = WsTestClient.register(serve.address(), WireEncoding.JSON, "aaron", "razel")) {
            aaron.send(new Frame.Ping());
            aaron.next(Frame.Pong.class);

            assertThat(serve.log()).contains("⚠ CONCLAVE_OTLP_ENDPOINT is set but the exporter failed to build:"
                    + " CONCLAVE_OTLP_ENDPOINT must be an http:// or https:// URL without query or fragment,"
                    + " got `collector:4318`\n");
        }
    }
}
