package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.HistoryMessage;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import conclave.store.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * End to end on PostgreSQL: {@code ./conclave serve --store jdbc:postgresql://…} as a real process
 * on a real (embedded) PostgreSQL, restarted on the same database.
 */
class PostgresServeIT {
    private static final Duration SIGTERM_DEADLINE = Duration.ofSeconds(5);

    @Test
    void restartOnTheSameDatabase_keepsUsersChannelsBansHistoryAndServerId() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        // The embedded server trusts local connections: the password is there to be masked, not checked.
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + postgres.createDatabase("serve")
                + "?password=hunter2";
        SigningKey aaronKey = SigningKey.generate();
        SigningKey mallory = SigningKey.generate();
        String firstId;
        try (ServeProcess serve = ServeProcess.start(Map.of("PGUSER", "postgres"), "--store", url)) {
            firstId = RawUpgrade.serverId(serve.address()).orElseThrow();
            try (WsTestClient a = WsTestClient.register(serve.address(), WireEncoding.BINCODE, "aaron", "razel", aaronKey);
                    WsTestClient m = WsTestClient.register(serve.address(), WireEncoding.BINCODE, "mallory", "m", mallory)) {
                a.send(new Frame.Admin(new AdminOp.CreateChannel("ops", Visibility.PUBLIC)));
                a.next(Frame.Ack.class);
                a.send(new Frame.Admin(new AdminOp.Ban("ops", "mallory")));
                a.next(Frame.Ack.class);
                a.send(new Frame.Join("ops", Optional.empty()));
                a.next(Frame.Joined.class);
                a.send(new Frame.ChannelMsg("ops", SessionPath.UNSTAMPED, new Payload.Plain("remember me")));
                a.next(Frame.Ack.class);
            }
            assertThat(serve.terminate(SIGTERM_DEADLINE)).isZero();
            assertThat(serve.log())
                    .contains("store opened postgresql=" + url.replace("hunter2", "***"))
                    .doesNotContain("hunter2");
        }

        Map<String, String> storeFromEnvironment = Map.of("CONCLAVE_STORE", url, "PGUSER", "postgres");
        try (ServeProcess serve = ServeProcess.start(storeFromEnvironment);
                WsTestClient a = WsTestClient.login(serve.address(), WireEncoding.BINCODE, aaronKey, "razel");
                WsTestClient m = WsTestClient.login(serve.address(), WireEncoding.BINCODE, mallory, "m")) {
            assertThat(RawUpgrade.serverId(serve.address())).contains(firstId);
            a.send(new Frame.Join("ops", Optional.empty()));
            a.next(Frame.Joined.class);
            a.send(new Frame.ReadSince("ops", 0));
            List<HistoryMessage> history = a.next(Frame.History.class).messages();
            assertThat(history).extracting(HistoryMessage::payload).containsExactly(new Payload.Plain("remember me"));
            m.send(new Frame.Join("ops", Optional.empty()));
            assertThat(m.next(Frame.Error.class).error().display()).isEqualTo("unauthorized: channel `ops` is private");
        }
    }
}
