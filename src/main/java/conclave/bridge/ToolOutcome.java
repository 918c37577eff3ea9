package conclave.bridge;

import static java.util.Objects.requireNonNull;

/**
 * What a tool call answers: a text, and whether it is a failure ({@code isError}). Immutable.
 *
 * @param text what the model reads
 * @param isError true for validation, policy, server and link failures
 */
record ToolOutcome(String text, boolean isError) {
    ToolOutcome {
        requireNonNull(text, "text");
    }

    static ToolOutcome ok(String text) {
        return new ToolOutcome(text, false);
    }

    static ToolOutcome error(String text) {
        return new ToolOutcome(text, true);
    }
}
