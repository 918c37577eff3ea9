package conclave.bridge;

import conclave.protocol.Frame;
import conclave.protocol.ReceiptState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The whispers this session had queued in a server's inbox, by server and message id, so that a
 * receipt can name its target. Bounded: past {@link #MAX} the oldest are forgotten, and their
 * receipts then name the message id only. Not thread-safe: the dispatcher's thread only.
 */
final class QueuedWhispers {
    /** How many queued whispers are remembered. */
    static final int MAX = 1000;
    /** The {@code ack} detail of a queued whisper is this prefix and the message id. */
    static final String ACK_PREFIX = "queued ";

    private record Key(String server, long messageId) {}

    private final Map<Key, String> targets = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
            return size() > MAX;
        }
    };

    /** The message id in a queued whisper's {@code ack}, or empty for any other reply. */
    static OptionalLong queuedId(Frame reply) {
        if (!(reply instanceof Frame.Ack ack) || ack.detail().isEmpty() || !ack.detail().get().startsWith(ACK_PREFIX)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(ack.detail().get().substring(ACK_PREFIX.length())));
        } catch (NumberFormatException garbled) {
            return OptionalLong.empty();
        }
    }

    void remember(String server, long messageId, String target) {
        targets.put(new Key(server, messageId), target);
    }

    /** The target of the whisper a receipt is about, if remembered; forgotten once it was read. */
    Optional<String> targetOf(String server, Frame.Receipt receipt) {
        Key key = new Key(server, receipt.messageId());
        return Optional.ofNullable(receipt.state() == ReceiptState.READ ? targets.remove(key) : targets.get(key));
    }
}
