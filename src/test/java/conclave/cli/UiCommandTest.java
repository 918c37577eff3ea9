package conclave.cli;

import static conclave.cli.LiveServer.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conclave ui} refusing to start, each time with a message that says why. */
class UiCommandTest {
    @TempDir
    Path bob;

    @Test
    void noRegistrations_exitsOne_pointingAtRegister() {
        CliRun run = run(bob, "ui", "--no-open");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no servers registered (see `conclave register`)");
    }

    @Test
    void portOutOfRange_exitsOne_namingTheOption() {
        CliRun run = run(bob, "ui", "--no-open", "--port", "70000");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--port: 70000 (expected: 0..65535)");
    }

    @Test
    void busyPort_exitsOne_namingTheAddress() throws Exception {
        try (LiveServer live = new LiveServer();
                ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            live.register(bob, "bob");

            CliRun run = run(bob, "ui", "--no-open", "--port", Integer.toString(busy.getLocalPort()));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("cannot listen on 127.0.0.1:" + busy.getLocalPort());
        }
    }
}
