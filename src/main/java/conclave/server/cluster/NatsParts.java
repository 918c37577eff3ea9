package conclave.server.cluster;

import io.nats.client.impl.Headers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a bus message larger than the NATS server's {@code max_payload} (1 MiB by default) into
 * parts, each marked with a {@value #HEADER} header, and puts them back together on the receiving
 * side. A large instance's presence heartbeat, or a body under a raised {@code --max-body}, would
 * otherwise not fit. Messages that fit go out as they are, without a header.
 *
 * <p>NATS keeps one connection's messages in order, so the parts of one message arrive one after
 * the other, though other instances' messages may come between them. A header reads
 * {@code <sender> <sequence> <index> <count> <total bytes>}; a part out of that order, or a message
 * whose parts stop coming (its sender left mid-way), is dropped, which heartbeats and the channel
 * gap wait repair like any lost message.
 *
 * <p>Splitting is done by the one publishing thread, joining by the one bus thread: not
 * thread-safe otherwise.
 */
final class NatsParts {
    static final String HEADER = "Conclave-Part";
    /** Bytes of each part left for the header, which NATS counts against {@code max_payload}. */
    static final int HEADER_ROOM = 256;
    /** The largest message put back together: far above any heartbeat or body, far below the heap. */
    static final int MAX_JOINED_BYTES = 256 << 20;
    /** Senders with a message half received at once; more would mean a broken or hostile peer. */
    static final int MAX_OPEN_SENDERS = 256;
    private static final Logger LOG = LoggerFactory.getLogger(NatsParts.class);

    /** One NATS message to publish: {@code headers} null for a message sent whole. */
    record Part(Headers headers, byte[] data) {}

    /** A part that breaks the format or the order; the message it belongs to is dropped. */
    static final class BrokenPart extends Exception {
        private static final long serialVersionUID = 1L;

        BrokenPart(String reason) {
            super(reason);
        }
    }

    private final String sender;
    private long sequence;
    private final Map<String, Joining> joining = new HashMap<>();

    /** @param sender this publisher's id, unique among the instances on the bus and free of spaces */
    NatsParts(String sender) {
        this.sender = sender;
    }

    /** The NATS messages that carry {@code message} under {@code maxPayload}. */
    List<Part> split(byte[] message, long maxPayload) {
        if (message.length <= maxPayload) {
            return List.of(new Part(null, message));
        }
        int size = (int) Math.min(Integer.MAX_VALUE, maxPayload - HEADER_ROOM);
        if (size < 1) {
            throw new IllegalArgumentException("max_payload " + maxPayload + " leaves no room for a part");
        }
        int count = (message.length + size - 1) / size;
        long id = ++sequence;
        List<Part> parts = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            int from = index * size;
            Headers headers = new Headers().put(HEADER,
                    sender + " " + id + " " + index + " " + count + " " + message.length);
            parts.add(new Part(headers, Arrays.copyOfRange(message, from, Math.min(message.length, from + size))));
        }
        return parts;
    }

    /**
     * Takes one received NATS message: the whole bus message if {@code header} is null or this
     * was its last part, empty while parts are still to come.
     *
     * @throws BrokenPart if the header is malformed or the part is not the one expected next
     */
    Optional<byte[]> join(String header, byte[] data) throws BrokenPart {
        if (header == null) {
            return Optional.of(data);
        }
        String[] fields = header.split(" ", -1);
        if (fields.length != 5 || fields[0].isEmpty()) {
            throw new BrokenPart("malformed " + HEADER + " header");
        }
        String from = fields[0];
        long id = number(fields[1], Long.MAX_VALUE);
        int index = (int) number(fields[2], Integer.MAX_VALUE);
        int count = (int) number(fields[3], Integer.MAX_VALUE);
        int total = (int) number(fields[4], MAX_JOINED_BYTES);
        if (count < 2 || index >= count || total < count) {
            throw new BrokenPart("inconsistent " + HEADER + " header");
        }
        Joining open = joining.get(from);
        if (index == 0) {
            if (open == null && joining.size() >= MAX_OPEN_SENDERS) {
                throw new BrokenPart("too many senders with a message half received");
            }
            if (open != null) {
                LOG.warn("cluster bus nats: a message from {} stopped after part {} of {}; dropped",
                        from, open.next, open.count);
            }
            open = new Joining(id, count, new byte[total]);
            joining.put(from, open);
        } else if (open == null || open.id != id || open.next != index || open.count != count
                || open.bytes.length != total) {
            joining.remove(from);
            throw new BrokenPart("part " + index + " of " + count + " out of order; the message is dropped");
        }
        if (open.filled + data.length > total || (index == count - 1 && open.filled + data.length != total)) {
            joining.remove(from);
            throw new BrokenPart("parts do not add up to the " + total + " bytes announced");
        }
        System.arraycopy(data, 0, open.bytes, open.filled, data.length);
        open.filled += data.length;
        open.next++;
        if (open.next < count) {
            return Optional.empty();
        }
        joining.remove(from);
        return Optional.of(open.bytes);
    }

    private static long number(String text, long max) throws BrokenPart {
        try {
            long value = Long.parseLong(text);
            if (value < 0 || value > max) {
                throw new BrokenPart(HEADER + " field out of range");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BrokenPart(HEADER + " field is not a number");
        }
    }

    /** A message whose first parts arrived. */
    private static final class Joining {
        final long id;
        final int count;
        final byte[] bytes;
        int filled;
        int next;

        Joining(long id, int count, byte[] bytes) {
            this.id = id;
            this.count = count;
            this.bytes = bytes;
        }
    }
}
