package conclave.cli;

import static conclave.cli.LiveServer.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusSendTest {
    private static final String NL = System.lineSeparator();
    private final LiveServer live = new LiveServer();

    @TempDir
    Path bob;

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void status_noRegistrations_exitsZero() {
        CliRun run = run(bob, "status");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo("no servers registered; run `conclave register --server <url> --username <you>`" + NL);
    }

    @Test
    void status_reachable_thenPermTable() {
        live.register(bob, "bob");

        CliRun run = run(bob, "status");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(
                live.url + "\tbob/m\treachable (1 session(s) online)" + NL + NL + "default: notify" + NL);
    }

    @Test
    void status_unreachable_exitsOneAfterTable() {
        live.register(bob, "bob");
        live.close();

        CliRun run = run(bob, "status");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith(live.url + "\tbob/m\tunreachable: ").endsWith(NL + NL + "default: notify" + NL);
        assertThat(run.err()).isEqualTo("❌ 1 server(s) unreachable" + NL);
    }

    @Test
    void send_toPublicChannel_andRejections() {
        live.register(bob, "bob");
        run(bob, "channel", "create", "c", "--server", live.url);

        CliRun sent = run(bob, "send", "--server", live.url, "--channel", "c", "hello");
        assertThat(sent.err()).isEmpty();
        assertThat(sent.out()).isEqualTo("✓ sent to c" + NL);

        CliRun rejected = run(bob, "send", "--server", live.url, "--channel", "nope", "hello");
        assertThat(rejected.exitCode()).isEqualTo(1);
        assertThat(rejected.err()).startsWith("❌ join rejected: not found");
    }
}
