package conclave.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the conclave command line: its exit code and everything it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
