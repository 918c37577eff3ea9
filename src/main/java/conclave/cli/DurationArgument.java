package conclave.cli;

import conclave.client.DurationText;

/**
 * The duration grammar of {@code invite create --expires-in} and {@code tail --since}; the
 * grammar itself lives in {@link DurationText}, which the bridge's {@code catch_up} shares.
 */
final class DurationArgument {
    private DurationArgument() {}

    /** The duration in seconds. @throws IllegalArgumentException {@code invalid duration `<x>`} */
    static long seconds(String text) {
        return DurationText.seconds(text);
    }
}
