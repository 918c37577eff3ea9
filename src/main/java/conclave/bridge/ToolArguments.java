package conclave.bridge;

import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * The {@code arguments} of one {@code tools/call}, read by the rules of reference/bridge.md §4.1:
 * a string counts only if it is a JSON string, a flag only if it is JSON {@code true}; absent or
 * null arguments mean every field is absent; extra arguments are ignored. Integer arguments are
 * stricter than the original (SPEC §6.14): anything other than absent, null or a non-negative
 * integer in range is an error naming the argument. Immutable.
 */
final class ToolArguments {
    private final JsonNode arguments;

    ToolArguments(JsonNode arguments) {
        this.arguments = arguments == null || !arguments.isObject() ? McpMessages.object() : arguments;
    }

    /** The string argument {@code name}, if it is a JSON string. */
    Optional<String> string(String name) {
        JsonNode value = arguments.get(name);
        return value != null && value.isString() ? Optional.of(value.stringValue()) : Optional.empty();
    }

    /** The string argument {@code name}, or a failure with {@code message}. */
    String required(String name, String message) {
        return string(name).orElseThrow(() -> new ToolFailure(message));
    }

    /** Whether the argument {@code name} is there at all, with any value but null. */
    boolean present(String name) {
        JsonNode value = arguments.get(name);
        return value != null && !value.isNull();
    }

    /** True only if the argument {@code name} is JSON {@code true}. */
    boolean flag(String name) {
        JsonNode value = arguments.get(name);
        return value != null && value.isBoolean() && value.booleanValue();
    }

    /**
     * The integer argument {@code name}: empty if absent or null.
     *
     * @throws ToolFailure {@code `name` must be an integer from 0 to max} for anything else
     */
    OptionalLong integer(String name, long max) {
        JsonNode value = arguments.get(name);
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0 && value.longValue() <= max) {
            return OptionalLong.of(value.longValue());
        }
        throw new ToolFailure("`" + name + "` must be an integer from 0 to " + max);
    }
}
