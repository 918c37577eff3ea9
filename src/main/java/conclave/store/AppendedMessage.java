package conclave.store;

/**
 * Where an appended message sits in its channel's history: its own timestamp and the timestamp of
 * the message it follows ({@code 0} when it is the channel's first). Instances of a cluster chain
 * messages by these two values to deliver each channel in timestamp order.
 */
public record AppendedMessage(long previousTsMs, long tsMs) {
    public AppendedMessage {
        if (previousTsMs < 0 || tsMs <= previousTsMs) {
            throw new IllegalArgumentException(
                    "a message's ts_ms must follow the previous one: " + previousTsMs + " then " + tsMs);
        }
    }
}
