package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class FailureReporterTest {
    @Command(name = "failing")
    static final class FailingCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("failed to read keyfile `/k`",
                    new UncheckedIOException("no such file", new IOException("no such file")));
        }
    }

    @Test
    void runtimeFailure_printsMessageChainAndExitsOne() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new FailingCommand())
                .setExecutionExceptionHandler(new FailureReporter())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err));

        int exitCode = cli.execute();

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("❌ failed to read keyfile `/k`: no such file" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void chain_messagelessFailure_namesTheExceptionType() {
        assertThat(FailureReporter.chain(new NullPointerException())).isEqualTo("java.lang.NullPointerException");
    }

    @Test
    void chain_causeRepeatingItsWrapper_isShownOnce() {
        IOException cause = new IOException("connection refused");

        assertThat(FailureReporter.chain(new UncheckedIOException(cause))).isEqualTo("java.io.IOException: connection refused");
    }

    @Test
    void chain_causesInACycle_ends() {
        IllegalStateException outer = new IllegalStateException("outer");
        IllegalStateException inner = new IllegalStateException("inner", outer);
        outer.initCause(inner);

        assertThat(FailureReporter.chain(outer)).startsWith("outer: inner: outer: inner");
    }
}
