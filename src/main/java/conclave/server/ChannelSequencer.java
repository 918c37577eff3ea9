package conclave.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Puts each channel's messages back in {@code ts_ms} order, whichever instance they were posted on
 * and whatever order the bus brought them in. Every message names the timestamp it follows (read
 * in the append's own transaction), so a message is delivered once its predecessor has been; one
 * that arrives early waits, at most the gap wait, for a predecessor that may have been lost (its
 * instance died between commit and publish), then the waiting ones go out in order. A late
 * message is still delivered: never lose beats strict order. A channel's line starts with the
 * first message seen on it: at once if it is the channel's first ever, else after a short start
 * wait ({@value #START_WAIT_MILLIS} ms) in which a predecessor still on its way can catch up.
 *
 * <p>Thread-safe: one lock per channel, held while delivering so that deliveries of one channel
 * never overtake each other; delivery must not block.
 */
final class ChannelSequencer {
    /** A channel waits for at most this many early messages before giving up on a gap. */
    static final int MAX_WAITING = 10_000;
    /** How long a line with no message delivered yet waits for predecessors of its first. */
    static final long START_WAIT_MILLIS = 250;

    private final Map<String, Line> lines = new ConcurrentHashMap<>();
    private final long gapWaitNanos;
    private final long startWaitNanos;
    private final Consumer<ClusterEvent.Posted> delivery;

    /** One channel's position: the last timestamp delivered and the messages waiting for theirs. */
    private static final class Line {
        /** {@value #UNSTARTED} until the line's first message. */
        long lastTsMs = UNSTARTED;
        /** previous ts → the message that follows it. */
        final TreeMap<Long, ClusterEvent.Posted> waiting = new TreeMap<>();
        long waitingSinceNanos;
    }

    private static final long UNSTARTED = -1;

    ChannelSequencer(long gapWaitNanos, Consumer<ClusterEvent.Posted> delivery) {
        this.gapWaitNanos = gapWaitNanos;
        this.startWaitNanos = Math.min(gapWaitNanos, TimeUnit.MILLISECONDS.toNanos(START_WAIT_MILLIS));
        this.delivery = delivery;
    }

    /** Delivers {@code message} now, after the ones it unblocks, or keeps it until its predecessor comes. */
    void accept(ClusterEvent.Posted message, long nowNanos) {
        Line line = lines.computeIfAbsent(message.channel(), c -> new Line());
        synchronized (line) {
            boolean predecessorMissing = line.lastTsMs == UNSTARTED
                    ? message.previousTsMs() != 0 // it may be on its way: wait for the start
                    : message.previousTsMs() > line.lastTsMs;
            if (predecessorMissing) {
                if (line.waiting.isEmpty()) {
                    line.waitingSinceNanos = nowNanos;
                }
                line.waiting.put(message.previousTsMs(), message);
                if (line.waiting.size() > MAX_WAITING) {
                    releaseAll(line);
                }
                return;
            }
            // next in line, the channel's first ever, a late one, or a channel re-created under its old name
            deliver(line, message);
            releaseFollowers(line);
        }
    }

    /** Gives up on every gap older than the gap wait: the waiting messages go out in order. */
    void expireGaps(long nowNanos) {
        for (Line line : lines.values()) {
            synchronized (line) {
                long wait = line.lastTsMs == UNSTARTED ? startWaitNanos : gapWaitNanos;
                if (!line.waiting.isEmpty() && nowNanos - line.waitingSinceNanos >= wait) {
                    releaseAll(line);
                }
            }
        }
    }

    /** Forgets a deleted channel's line. */
    void forget(String channel) {
        lines.remove(channel);
    }

    /** Guarded by line. */
    private void deliver(Line line, ClusterEvent.Posted message) {
        line.lastTsMs = Math.max(line.lastTsMs, message.tsMs());
        delivery.accept(message);
    }

    /** Guarded by line: delivers the waiting messages that now follow on. */
    private void releaseFollowers(Line line) {
        ClusterEvent.Posted next;
        while ((next = line.waiting.remove(line.lastTsMs)) != null) {
            deliver(line, next);
        }
    }

    /** Guarded by line: delivers everything waiting, in timestamp order. */
    private void releaseAll(Line line) {
        while (!line.waiting.isEmpty()) {
            deliver(line, line.waiting.pollFirstEntry().getValue());
            releaseFollowers(line);
        }
    }
}
