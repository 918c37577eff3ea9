package conclave.server;

import conclave.protocol.Frame;
import conclave.protocol.Payload;
import java.util.Optional;

/**
 * Checks each {@code ChannelMsg} and {@code Whisper} a session sends against the server's rate
 * limit and body cap before anything is stored or delivered. One per session; its requests run one
 * at a time, so the bucket needs no lock.
 */
final class MessageGate {
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final ServerClock clock;
    private final int maxBodyBytes;
    /** Null when rate limiting is off. */
    private final TokenBucket bucket;
    private final ServerMetrics metrics;

    MessageGate(ServerLimits limits, ServerClock clock, ServerMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
        this.maxBodyBytes = limits.maxBodyBytes();
        this.bucket = limits.messageRate().map(rate -> new TokenBucket(rate, clock.nanos())).orElse(null);
    }

    /** The error to answer instead of handling the message, or empty if it may go ahead. */
    Optional<Frame> refusal(Payload payload) {
        if (bucket != null) {
            long waitNanos = bucket.take(clock.nanos());
            if (waitNanos > 0) {
                metrics.rateLimited();
                long millis = (waitNanos + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI;
                return Optional.of(Replies.unauthorized("rate limited: retry in " + millis + " ms"));
            }
        }
        if (bodyBytes(payload) > maxBodyBytes) {
            return Optional.of(Replies.malformed("message body exceeds " + maxBodyBytes + " bytes"));
        }
        return Optional.empty();
    }

    /** The body's size on the wire: UTF-8 bytes of plain text, or the ciphertext's length. */
    static long bodyBytes(Payload payload) {
        if (payload instanceof Payload.Encrypted encrypted) {
            return encrypted.ciphertext().size();
        }
        return utf8Length(((Payload.Plain) payload).body());
    }

    /** Counts without encoding: a 16 MiB body is not copied just to be measured. */
    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
