package conclave.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The single place where a failed command becomes output and an exit code.
 *
 * <p>Usage errors never reach this class (picocli prints them with the usage and exits 2). Every
 * exception a command throws is printed as one line {@code ❌ <message>: <cause>: …} on stderr,
 * without a stack trace, and exits 1.
 */
final class FailureReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println("❌ " + chain(failure));
        commandLine.getErr().flush();
        return ExitCode.SOFTWARE;
    }

    /** The messages of the failure and its causes, outermost first, skipping repeats and blanks. */
    static String chain(Throwable failure) {
        List<String> messages = new ArrayList<>();
        int depth = 0;
        // The depth bound matters: nothing stops code from building a cycle of causes.
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                message = t.getClass().getName();
            }
            if (messages.isEmpty() || !messages.get(messages.size() - 1).contains(message)) {
                messages.add(message);
            }
        }
        return String.join(": ", messages);
    }
}
