package conclave.cli;

import static java.util.Objects.requireNonNull;

import conclave.protocol.Frame;
import conclave.protocol.HistoryMessage;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * What {@code conclave tail} prints for one channel, and where it resumes after a reconnect. No
 * I/O and no clock: the caller passes the local time in milliseconds.
 *
 * <h2>Watermark (reference/cli.md, {@code tail})</h2>
 * It starts at now − {@code --since}, or is absent without {@code --since}. A live line sets it to
 * the local time it arrived; a history page raises it to the page's newest server timestamp.
 * Every subscription with a watermark replays from watermark − {@link #SLACK_MS 5 s} (a repeated
 * line beats a missed one), page after page until the server returns an empty page; without a
 * watermark (no {@code --since} and nothing seen yet) there is nothing to replay.
 *
 * <h2>No line twice</h2>
 * The slack makes a replay start with lines that were already printed, and the server may push a
 * message live that the replay also returns. Live frames carry no timestamp, so lines are matched
 * on sender and payload, one for one, and only across sources that can repeat each other:
 * <ul>
 *   <li>a replayed row is dropped if it matches a line printed before this replay began (live, or
 *       by an earlier replay) that is still within reach of the replay, i.e. stamped after the
 *       replay's start;
 *   <li>live messages that arrive while a replay runs are held back and printed after it, so the
 *       output stays in order; a live message (held or not) is dropped if it matches a row this
 *       replay printed, up to {@link #SLACK_MS} after the replay ended.
 * </ul>
 * Each printed line can cancel at most one later one, so a sender who really says the same thing
 * twice is still shown twice. At most {@link #REMEMBERED} printed lines are kept for matching.
 *
 * <p>Not thread-safe: one thread at a time (the tail's link event loop).
 */
final class TailFeed {
    /** How far before the watermark a replay starts. */
    static final long SLACK_MS = 5_000;
    /** How many printed lines are remembered for matching. */
    static final int REMEMBERED = 1_000;
    /** What an end-to-end encrypted payload prints as. */
    static final String ENCRYPTED = "<end-to-end-encrypted payload>";

    /** One replayed page: the lines to print, and where the next page starts if the replay goes on. */
    record Page(List<String> lines, OptionalLong nextSince) {
        Page {
            lines = List.copyOf(lines);
            requireNonNull(nextSince, "nextSince");
        }
    }

    /** A printed line: who said what, when (local time if live, server time if replayed), and by which replay. */
    private record Printed(SessionPath from, Payload payload, long stampMs, int replay) {
        boolean matches(SessionPath otherFrom, Payload otherPayload) {
            return from.equals(otherFrom) && payload.equals(otherPayload);
        }
    }

    /** A live message held back while a replay runs. */
    private record Held(SessionPath from, Payload payload, long receivedMs) {}

    private static final int LIVE = 0;

    private final String channel;
    private OptionalLong watermark;
    /** Number of the current or latest replay; {@link #LIVE} until the first one. */
    private int replay = LIVE;
    private boolean replaying;
    /** The {@code since_ms} of the replay's latest read. */
    private long readFrom;
    private long replayEndedMs;
    private final ArrayDeque<Printed> printed = new ArrayDeque<>();
    private final List<Held> held = new ArrayList<>();

    /**
     * @param channel the channel being tailed
     * @param watermark now − {@code --since} in milliseconds, or empty without {@code --since}
     */
    TailFeed(String channel, OptionalLong watermark) {
        this.channel = requireNonNull(channel, "channel");
        this.watermark = requireNonNull(watermark, "watermark");
    }

    /** The current watermark, in milliseconds since the epoch. */
    OptionalLong watermark() {
        return watermark;
    }

    /**
     * The channel was joined on a fresh connection. A replay left unfinished by the previous
     * connection is dropped: the new one covers it.
     *
     * @return the {@code since_ms} of the first {@code read_since}, or empty if nothing is replayed
     */
    OptionalLong subscribed() {
        held.clear();
        if (watermark.isEmpty()) {
            replaying = false;
            return OptionalLong.empty();
        }
        replay++;
        replaying = true;
        readFrom = watermark.getAsLong() - SLACK_MS;
        long since = readFrom;
        printed.removeIf(line -> line.stampMs() <= since); // the replay returns only rows after `since`
        return OptionalLong.of(since);
    }

    /** A live {@code channel_msg} that arrived at {@code nowMs}: the lines to print now. */
    List<String> live(Frame.ChannelMsg message, long nowMs) {
        if (!message.channel().equals(channel)) {
            return List.of();
        }
        if (replaying) {
            held.add(new Held(message.from(), message.payload(), nowMs));
            return List.of();
        }
        return printLive(message.from(), message.payload(), nowMs);
    }

    /** A {@code whisper} to this session: one line, never held back or matched. */
    List<String> whisper(Frame.Whisper whisper) {
        return List.of(line("whisper", whisper.from(), whisper.payload()));
    }

    /**
     * A {@code history} page answering the replay's latest {@code read_since}.
     *
     * @return its new lines, then, if the page ended the replay (it was empty), the live lines
     *     held back during the replay; and where the next page starts, unless this one ended it
     */
    Page history(Frame.History page, long nowMs) {
        if (!replaying || !page.channel().equals(channel)) {
            return new Page(List.of(), OptionalLong.empty());
        }
        List<String> lines = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        for (HistoryMessage row : page.messages()) {
            newest = Math.max(newest, row.tsMs());
            if (forget(row.from(), row.payload(), line -> line.replay() != replay)) {
                continue; // printed before this replay began
            }
            remember(new Printed(row.from(), row.payload(), row.tsMs(), replay));
            lines.add(line(channel, row.from(), row.payload()));
        }
        if (!page.messages().isEmpty()) {
            watermark = OptionalLong.of(Math.max(watermark.orElse(Long.MIN_VALUE), newest));
        }
        // A page that does not move forward would be asked for again and again: it ends the replay.
        if (newest > readFrom) {
            readFrom = newest;
            return new Page(lines, OptionalLong.of(newest));
        }
        replaying = false;
        replayEndedMs = nowMs;
        for (Held message : held) {
            lines.addAll(printLive(message.from(), message.payload(), message.receivedMs()));
        }
        held.clear();
        return new Page(lines, OptionalLong.empty());
    }

    private List<String> printLive(SessionPath from, Payload payload, long receivedMs) {
        watermark = OptionalLong.of(receivedMs);
        boolean echoWindow = replay != LIVE && receivedMs <= replayEndedMs + SLACK_MS;
        if (echoWindow && forget(from, payload, line -> line.replay() == replay)) {
            return List.of(); // the replay already printed it
        }
        remember(new Printed(from, payload, receivedMs, LIVE));
        return List.of(line(channel, from, payload));
    }

    /** Removes the oldest remembered line that matches and passes {@code source}; true if there was one. */
    private boolean forget(SessionPath from, Payload payload, Predicate<Printed> source) {
        for (Iterator<Printed> it = printed.iterator(); it.hasNext(); ) {
            Printed line = it.next();
            if (source.test(line) && line.matches(from, payload)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    private void remember(Printed line) {
        if (printed.size() == REMEMBERED) {
            printed.removeFirst();
        }
        printed.addLast(line);
    }

    /** {@code [<where>] <from>: <text>}, with everything from the network made safe for a terminal. */
    static String line(String where, SessionPath from, Payload payload) {
        String text = payload instanceof Payload.Plain plain ? TerminalText.safe(plain.body()) : ENCRYPTED;
        return "[" + TerminalText.safe(where) + "] " + TerminalText.safe(from.text()) + ": " + text;
    }
}
