package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
    /** Stands in for a pipe whose reader has gone away: every write fails like EPIPE. */
    private static final class ClosedPipe extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("Broken pipe");
        }
    }

    @Test
    void run_stdoutClosedByReader_endsQuietlyWithSigpipeStatus() {
        StringWriter err = new StringWriter();

        int exitCode = Main.run(new String[] {"--help"}, new PrintWriter(new ClosedPipe()), new PrintWriter(err));

        assertThat(exitCode).isEqualTo(141);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void run_stdoutOpen_keepsCommandExitCode() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
    }
}
