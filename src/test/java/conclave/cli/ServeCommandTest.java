package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conclave serve} refuses bad flags before starting anything. */
class ServeCommandTest {
    @Test
    void ephemeralWithDataDir_isAUsageError() {
        CliRun run = CliRun.of("serve", "--ephemeral", "--data-dir", "/tmp/x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--ephemeral and --data-dir cannot be used together");
    }

    @Test
    void storeWithEphemeral_isAUsageError() {
        CliRun run = CliRun.of("serve", "--ephemeral", "--store", "jdbc:postgresql://127.0.0.1/conclave");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--store (or CONCLAVE_STORE) and --ephemeral cannot be used together");
    }

    @Test
    void storeWithDataDir_isAUsageError() {
        CliRun run = CliRun.of("serve", "--data-dir", "/tmp/x", "--store", "jdbc:postgresql://127.0.0.1/conclave");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--store (or CONCLAVE_STORE) and --data-dir (or CONCLAVE_DATA_DIR) cannot be used together");
    }

    @Test
    void storeWithUnsupportedScheme_isAUsageErrorNamingTheFlagWithoutThePassword() {
        CliRun run = CliRun.of("serve", "--store", "mysql://db/conclave?password=hunter2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("--store: unsupported store `mysql://db/conclave?password=***`: expected jdbc:postgresql://")
                .doesNotContain("hunter2");
    }

    @Test
    void storeUnreachable_exitsOneNamingTheMaskedUrl() {
        CliRun run = CliRun.of("serve", "--bind", "127.0.0.1:0",
                "--store", "jdbc:postgresql://127.0.0.1:1/conclave?password=hunter2&connectTimeout=5");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("❌ failed to connect to the PostgreSQL store"
                        + " `jdbc:postgresql://127.0.0.1:1/conclave?password=***&connectTimeout=5`: ")
                .doesNotContain("hunter2");
    }

    @Test
    void clusterWithUnknownBus_isAUsageErrorNamingTheForms() {
        CliRun run = CliRun.of("serve", "--ephemeral", "--cluster", "redis://127.0.0.1:6379");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--cluster")
                .contains("invalid cluster bus `redis://127.0.0.1:6379`: expected `none`, `postgres` or `nats://HOST:PORT`");
    }

    @Test
    void clusterPostgresOnSqlite_isAUsageError(@TempDir Path dataDir) {
        CliRun run = CliRun.of("serve", "--bind", "127.0.0.1:0", "--data-dir", dataDir.toString(), "--cluster", "postgres");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--cluster postgres needs a PostgreSQL store");
    }

    @Test
    void clusterWithEphemeralStore_isAUsageError() {
        CliRun run = CliRun.of("serve", "--bind", "127.0.0.1:0", "--ephemeral", "--cluster", "nats://127.0.0.1:4222");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--cluster needs a store the instances share");
    }

    @Test
    void clusterNatsUnreachable_exitsOneNamingTheAddress(@TempDir Path dataDir) {
        CliRun run = CliRun.of("serve", "--bind", "127.0.0.1:0", "--data-dir", dataDir.toString(),
                "--cluster", "nats://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("❌ cannot reach the NATS server at 127.0.0.1:1 (--cluster)");
    }

    @Test
    void bindWithoutPort_isAUsageErrorNamingTheValue() {
        CliRun run = CliRun.of("serve", "--ephemeral", "--bind", "localhost");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--bind").contains("expected host:port, got `localhost`");
    }

    @Test
    void bindWithPortOutOfRange_isAUsageError() {
        CliRun run = CliRun.of("serve", "--ephemeral", "--bind", "127.0.0.1:70000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("port must be 0-65535");
    }

    @Test
    void malformedAdmin_isAUsageError() {
        CliRun run = CliRun.of("serve", "--ephemeral", "--bind", "127.0.0.1:0", "--admin", "=key");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("invalid admin `=key`");
    }

    @Test
    void addressInUse_exitsOneNamingTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            String address = "127.0.0.1:" + taken.getLocalPort();

            CliRun run = CliRun.of("serve", "--ephemeral", "--bind", address);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("❌ failed to bind `" + address + "`: ");
        }
    }

    @Test
    void metricsBindWithoutPort_isAUsageErrorNamingTheFlagAndValue() {
        CliRun run = CliRun.of("serve", "--ephemeral", "--bind", "127.0.0.1:0", "--metrics-bind", "localhost");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--metrics-bind").contains("expected host:port, got `localhost`");
    }

    @Test
    void metricsAddressInUse_exitsOneNamingTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            String address = "127.0.0.1:" + taken.getLocalPort();

            CliRun run = CliRun.of("serve", "--ephemeral", "--bind", "127.0.0.1:0", "--metrics-bind", address);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("❌ failed to bind metrics address `" + address + "`: ");
        }
    }

    @Test
    void rateLimitGarbage_isAUsageErrorNamingFlagVariableAndForm() {
        CliRun run = CliRun.of("serve", "--ephemeral", "--bind", "127.0.0.1:0", "--rate-limit", "fast");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("invalid --rate-limit (or CONCLAVE_RATE_LIMIT): expected `<per-second>/s`,"
                + " `<per-second>/s:<burst>` or `off`, got `fast`");
    }

    @Test
    void maxBodyAboveTheFrameCap_isAUsageErrorWithTheRange() {
        CliRun run = CliRun.of("serve", "--ephemeral", "--bind", "127.0.0.1:0", "--max-body", "16777217");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("invalid --max-body (or CONCLAVE_MAX_BODY): must be 1-16777216 bytes, got 16777217");
    }

    @Test
    void zeroLimits_areUsageErrorsNamingTheFlag() {
        for (String flag : new String[] {
                "--max-sessions", "--max-pre-auth-per-address", "--max-channels-per-user", "--max-invites-per-channel"}) {
            CliRun run = CliRun.of("serve", "--ephemeral", "--bind", "127.0.0.1:0", flag, "0");

            assertThat(run.exitCode()).as(flag).isEqualTo(2);
            assertThat(run.err()).as(flag).contains("invalid " + flag + " (or CONCLAVE_").contains("must be at least 1, got 0");
        }
    }

    @Test
    void nonNumericLimit_isAUsageErrorNamingTheFlag() {
        CliRun run = CliRun.of("serve", "--ephemeral", "--bind", "127.0.0.1:0", "--max-sessions", "many");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--max-sessions").contains("many");
    }
}
