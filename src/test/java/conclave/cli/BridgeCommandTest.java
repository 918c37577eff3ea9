package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conclave bridge} refuses to start, before any MCP output, when it cannot work. */
class BridgeCommandTest {
    @TempDir
    Path dir;

    @Test
    void bridge_handleWithSlash_exitsOneNamingTheRule() {
        CliRun run = LiveServer.run(dir, "bridge", "--as", "a/b");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("❌ invalid session handle: `a/b`\n");
    }

    @Test
    void bridge_withoutKey_exitsOneSuggestingConclaveKey() {
        CliRun run = LiveServer.run(dir, "bridge");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("run `conclave key` first");
    }

    @Test
    void bridge_withoutRegistration_exitsOneSayingThereIsNoServer() {
        LiveServer.run(dir, "key");

        CliRun run = LiveServer.run(dir, "bridge", "--server", "ws://nowhere");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("❌ no known server to connect to (register one first, or pass --server)\n");
    }
}
