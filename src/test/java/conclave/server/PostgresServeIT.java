package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.store.TestPostgres;
import java.time.Duration;
import java.util.Map;
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
        RestartScenario scenario = new RestartScenario();
        String firstId;
        try (ServeProcess serve = ServeProcess.start(Map.of("PGUSER", "postgres"), "--store", url)) {
            firstId = RawUpgrade.serverId(serve.address()).orElseThrow();
            scenario.seed(serve.address());
            assertThat(serve.terminate(SIGTERM_DEADLINE)).isZero();
            assertThat(serve.log())
                    .contains("store opened postgresql=" + url.replace("hunter2", "***"))
                    .doesNotContain("hunter2");
        }

        Map<String, String> storeFromEnvironment = Map.of("CONCLAVE_STORE", url, "PGUSER", "postgres");
        try (ServeProcess serve = ServeProcess.start(storeFromEnvironment)) {
            assertThat(RawUpgrade.serverId(serve.address())).contains(firstId);
            scenario.assertKept(serve.address());
        }
    }
}
