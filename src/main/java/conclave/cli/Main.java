package conclave.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of the conclave program: runs one command and exits with its exit code. */
public final class Main {
    /**
     * The exit status a shell reports for a process killed by SIGPIPE (128 + 13). The original
     * conclave died of SIGPIPE when its reader went away; the JVM ignores that signal, so we end
     * the same way by hand.
     */
    static final int CLOSED_STDOUT = 141;

    private Main() {}

    public static void main(String[] args) {
        if (ConclaveCommand.verbNameOf(args).filter("bridge"::equals).isPresent()) {
            BridgeWarmup.start();
        }
        System.exit(run(args, utf8Writer(FileDescriptor.out), utf8Writer(FileDescriptor.err)));
    }

    /** Runs the command line against the given streams and returns the process exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        int exitCode = ConclaveCommand.commandLine(args).setOut(out).setErr(err).execute(args);
        err.flush();
        // A reader that closed our stdout (`conclave ... | head`) is not an error worth a word.
        return out.checkError() ? CLOSED_STDOUT : exitCode;
    }

    /**
     * A UTF-8 writer straight onto a file descriptor. Unlike System.out it reports a closed pipe
     * through checkError() and does not depend on the platform's default encoding.
     */
    private static PrintWriter utf8Writer(FileDescriptor fd) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), true);
    }
}
