package conclave.bridge;

/**
 * A tool call refused before anything is sent: a bad argument, an unknown server, a level or role
 * that does not allow it. The message is the {@code isError} text, naming the argument and rule.
 */
final class ToolFailure extends RuntimeException {
    ToolFailure(String message) {
        super(message, null, false, false);
    }
}
