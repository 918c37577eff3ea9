package conclave.cli;

import static conclave.cli.LiveServer.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterCommandTest {
    private static final String NL = System.lineSeparator();
    private final LiveServer live = new LiveServer();

    @TempDir
    Path alice;

    @TempDir
    Path other;

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void register_new_printsPathAndListsServer() {
        CliRun run = live.register(alice, "alice");

        assertThat(run.out()).isEqualTo("✓ registered alice/m/cli-" + ProcessHandle.current().pid() + NL);
        assertThat(run(alice, "server", "list").out()).isEqualTo(live.url + "\talice/m" + NL);
    }

    @Test
    void register_takenUsername_isRejected() {
        live.register(alice, "alice");

        CliRun run = run(other, "register", "--server", live.url, "--username", "alice", "--machine", "x");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("❌ registration rejected: ");
        assertThat(run(other, "server", "list").out())
                .isEqualTo("no servers registered (see `conclave register`)" + NL);
    }

    @Test
    void serverRemove_forgetsRegistrationAndOverrides() {
        live.register(alice, "alice");
        run(alice, "perm", "set", "act", "--server", live.url, "--channel", "c");

        CliRun run = run(alice, "server", "remove", live.url);

        assertThat(run.out()).isEqualTo("✓ forgot `" + live.url + "` (1 permission override(s) removed)" + NL);
        assertThat(run(alice, "perm", "show").out()).isEqualTo("default: notify" + NL);
    }

    @Test
    void serverRemove_unknown_fails() {
        CliRun run = run(alice, "server", "remove", "ws://nowhere");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("❌ no registration for `ws://nowhere` (see `conclave server list`)" + NL);
    }
}
