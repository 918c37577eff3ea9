package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code conclave serve} refuses bad flags before starting anything. */
class ServeCommandTest {
    @Test
    void ephemeralWithDataDir_isAUsageError() {
        CliRun run = CliRun.of("serve", "--ephemeral", "--data-dir", "/tmp/x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--ephemeral and --data-dir cannot be used together");
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
}
