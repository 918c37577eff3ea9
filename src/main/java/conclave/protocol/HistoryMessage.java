package conclave.protocol;

import static java.util.Objects.requireNonNull;

/** One retained channel message: who sent it, when the server received it (epoch ms), the body. */
public record HistoryMessage(SessionPath from, long tsMs, Payload payload) {
    public HistoryMessage {
        requireNonNull(from, "from");
        requireNonNull(payload, "payload");
    }
}
