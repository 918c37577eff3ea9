package conclave.cli;

import static conclave.cli.LiveServer.run;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import conclave.client.Link;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code conclave tail} as the command line runs it, for the ways it ends by itself. */
class TailCommandTest {
    private static final String NL = System.lineSeparator();
    private final LiveServer live = new LiveServer();

    @TempDir
    Path bob;

    @BeforeEach
    void register() {
        live.register(bob, "bob");
    }

    @AfterEach
    void stop() {
        live.close();
        // tail quiets the client package for its run; later tests in this JVM get the configured level back.
        ((Logger) LoggerFactory.getLogger(Link.class.getPackageName())).setLevel(null);
    }

    private CliRun tail(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "tail";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--server";
        all[args.length + 2] = live.url;
        return run(bob, all);
    }

    @Test
    void tail_unreachableServer_exitsOneWithTheConnectError() {
        live.close();

        CliRun run = tail("--channel", "c");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("❌ failed to connect to `" + live.url + "`: connection refused" + NL);
    }

    @Test
    void tail_unknownChannel_exitsOneWithTheJoinRejection() {
        CliRun run = tail("--channel", "nope");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("❌ join rejected: not found: channel `nope` not found" + NL);
    }

    @Test
    void tail_badSince_exitsOneNamingTheValue() {
        CliRun run = tail("--channel", "c", "--since", "soon");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("❌ invalid duration `soon`" + NL);
    }

    @Test
    void tail_handleWithSlash_exitsOneNamingTheRule() {
        CliRun run = tail("--channel", "c", "--as", "a/b");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("❌ invalid session handle: `a/b`" + NL);
    }

    @Test
    void tail_unregisteredServer_exitsOneWithoutConnecting() {
        CliRun run = run(bob, "tail", "--channel", "c", "--server", "ws://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("❌ no registration for `ws://127.0.0.1:1` (see `conclave server list`)" + NL);
    }

    @Test
    void tail_withoutChannel_isAUsageError() {
        CliRun run = run(bob, "tail", "--server", live.url);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--channel");
    }

    @Test
    void startOf_isNowMinusTheSpan_andTheEpochForAbsurdSpans() {
        long now = 1_700_000_000_000L;

        assertThat(TailCommand.startOf("1h", now)).isEqualTo(now - 3_600_000);
        assertThat(TailCommand.startOf(" 90 ", now)).isEqualTo(now - 90_000);
        assertThat(TailCommand.startOf("9223372036854775807", now)).isZero();
    }
}
