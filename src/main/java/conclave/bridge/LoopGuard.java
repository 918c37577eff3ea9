package conclave.bridge;

import static java.util.Objects.requireNonNull;

import conclave.config.ConclaveConfig;
import conclave.config.LoopGuardSettings;
import conclave.protocol.Frame;
import conclave.protocol.SessionPath;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps two agents from answering each other forever. Per scope (a channel on a server, or
 * whispers to one session on a server) it counts the messages this session got acked within a
 * sliding window since the last message from a human; reaching {@code max_messages} trips the
 * scope, and the dispatcher then drops it to {@code notify}. It also numbers the turns of an agent
 * conversation: a message sent within {@code reply_secs} of an agent's message in the same scope
 * is the next turn, any other message starts over at 0.
 *
 * <p>Human: a {@code cli-*} or {@code ui} session, or a username or path listed in config.toml's
 * {@code humans}. A human's channel message resets that channel; a human's whisper resets every
 * whisper scope on that server (the human is talking to this session directly). Times are epoch
 * milliseconds from the dispatcher's clock. Not thread-safe: owned by the dispatcher.
 */
final class LoopGuard {
    /**
     * One place this session talks into.
     *
     * @param server the server key
     * @param channel the channel, or empty for whispers
     * @param peer the other session's path for whispers, or empty for a channel
     */
    record Scope(String server, Optional<String> channel, Optional<String> peer) {
        static Scope channel(String server, String channel) {
            return new Scope(server, Optional.of(channel), Optional.empty());
        }

        static Scope whisper(String server, String peer) {
            return new Scope(server, Optional.empty(), Optional.of(peer));
        }
    }

    /**
     * What one acked message did.
     *
     * @param turn its turn in an agent conversation, 0 if it answered no agent
     * @param count messages counted in its scope's window, itself included
     * @param tripped whether it reached the limit (the count then starts over)
     */
    record Emitted(int turn, int count, boolean tripped) {}

    private static final class Counter {
        final ArrayDeque<Long> sent = new ArrayDeque<>();
        long lastAgentMillis = Long.MIN_VALUE;
        int turn;
    }

    private final LoopGuardSettings settings;
    private final List<String> humans;
    private final Map<Scope, Counter> counters = new HashMap<>();

    LoopGuard(ConclaveConfig config) {
        this.settings = requireNonNull(config.loopGuard(), "loopGuard");
        this.humans = config.humans();
    }

    LoopGuardSettings settings() {
        return settings;
    }

    /** The scope a sent {@code channel_msg} or {@code whisper} talks into; empty for other requests. */
    static Optional<Scope> scopeOf(String server, Frame request) {
        if (request instanceof Frame.ChannelMsg message) {
            return Optional.of(Scope.channel(server, message.channel()));
        }
        if (request instanceof Frame.Whisper whisper) {
            return Optional.of(Scope.whisper(server, whisper.target().text()));
        }
        return Optional.empty();
    }

    /** Whether {@code from} is driven by a human. */
    boolean isHuman(SessionPath from) {
        return from.session().startsWith("cli-") || from.session().equals("ui")
                || humans.contains(from.user()) || humans.contains(from.text());
    }

    /**
     * A message arrived in {@code scope} at {@code nowMillis}.
     *
     * @return the turns this session has taken so far in the agent conversation there (0 if none,
     *     or if the message is a human's, which starts everything over)
     */
    int inbound(Scope scope, SessionPath from, long nowMillis) {
        if (isHuman(from)) {
            if (scope.channel().isPresent()) {
                counters.remove(scope);
            } else {
                resetWhispers(scope.server());
            }
            return 0;
        }
        Counter counter = counters.computeIfAbsent(scope, ignored -> new Counter());
        counter.lastAgentMillis = nowMillis;
        return counter.turn;
    }

    /** This session's message to {@code scope}, sent at {@code sentMillis}, was acked at {@code nowMillis}. */
    Emitted emitted(Scope scope, long sentMillis, long nowMillis) {
        Counter counter = counters.computeIfAbsent(scope, ignored -> new Counter());
        boolean reply = counter.lastAgentMillis != Long.MIN_VALUE
                && sentMillis - counter.lastAgentMillis <= settings.replySecs() * 1000;
        counter.turn = reply ? counter.turn + 1 : 0;
        if (!settings.enabled()) {
            return new Emitted(counter.turn, 0, false);
        }
        counter.sent.addLast(nowMillis);
        long windowStart = nowMillis - settings.windowSecs() * 1000;
        while (counter.sent.peekFirst() <= windowStart) {
            counter.sent.removeFirst();
        }
        int count = counter.sent.size();
        if (count >= settings.maxMessages()) {
            counter.sent.clear();
            return new Emitted(counter.turn, count, true);
        }
        return new Emitted(counter.turn, count, false);
    }

    /** An explicit level was set for a channel, or for whispers if {@code channel} is empty: count from 0. */
    void restored(String server, Optional<String> channel) {
        if (channel.isPresent()) {
            counters.remove(Scope.channel(server, channel.get()));
        } else {
            resetWhispers(server);
        }
    }

    private void resetWhispers(String server) {
        counters.keySet().removeIf(scope -> scope.server().equals(server) && scope.peer().isPresent());
    }
}
