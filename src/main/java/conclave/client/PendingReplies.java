package conclave.client;

import conclave.protocol.Frame;
import conclave.protocol.FrameKind;
import conclave.protocol.ProtocolError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches the frames a server sends to the requests a client sent, by order: the protocol has no
 * request ids, and the server answers every request with exactly one frame, in order
 * (PROTOCOL.md §8.1). No I/O and no clock.
 *
 * <p>Each request sent pushes one entry; so does each keepalive {@code Ping}, which is how its
 * {@code Pong} is consumed without answering anyone's request. What a frame does to the queue is
 * one switch over its kind:
 * <ul>
 *   <li>{@code channel_msg} and {@code whisper}, and the {@code inbox} extension's
 *       {@code inbox_whisper} and {@code receipt}, are pushed traffic and never touch the queue;
 *   <li>{@code server_info} is a role signal and never touches it either;
 *   <li>{@code pong} answers a keepalive or a {@code ping} request at the head; any other
 *       {@code pong} is stray and skipped;
 *   <li>{@code error} answers the request at the head; with no request at the head it is the
 *       server speaking on its own (usually the reason it is about to drop the session);
 *   <li>any other frame answers the request at the head, whatever its kind (the caller checks the
 *       kind); at a keepalive it means the server broke the order, and with nothing pending it is
 *       stray.
 * </ul>
 *
 * <p>Bounded: at most {@code capacity} entries, and at most one keepalive, so pings cannot pile
 * up behind a stalled server. Not thread-safe: confined to one connection's event loop.
 *
 * @param <R> the caller's handle for one outstanding request
 */
final class PendingReplies<R> {
    /** What one inbound frame turned out to be. */
    sealed interface Routed<R> {}

    /** The reply to {@code request}, which has left the queue. */
    record Answer<R>(R request, Frame reply) implements Routed<R> {}

    /** The {@code pong} for a keepalive; nothing to tell anyone. */
    record KeepaliveAnswered<R>() implements Routed<R> {}

    /** Traffic the server pushed: a {@code channel_msg}, {@code whisper}, {@code inbox_whisper} or {@code receipt}. */
    record Pushed<R>(Frame frame) implements Routed<R> {}

    /** A {@code server_info}: whether this session is a server admin. */
    record AdminSignal<R>(boolean admin) implements Routed<R> {}

    /** An {@code error} that answers no request. */
    record UnsolicitedError<R>(ProtocolError error) implements Routed<R> {}

    /** A frame that answers nothing and is skipped. */
    record Stray<R>(Frame frame) implements Routed<R> {}

    /** A reply where a keepalive's {@code pong} was due: the server broke the order. */
    record OutOfOrder<R>(Frame frame) implements Routed<R> {}

    private sealed interface Entry<R> {}

    private record Request<R>(R request, boolean ping) implements Entry<R> {}

    private record Keepalive<R>() implements Entry<R> {}

    private final ArrayDeque<Entry<R>> entries = new ArrayDeque<>();
    private final int capacity;
    private boolean keepaliveQueued;

    PendingReplies(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity : " + capacity + " (expected: > 0)");
        }
        this.capacity = capacity;
    }

    /**
     * Queues a request that is about to be sent.
     *
     * @return false, queueing nothing, if {@code capacity} entries are already waiting
     */
    boolean offerRequest(R request, FrameKind kind) {
        if (entries.size() >= capacity) {
            return false;
        }
        entries.addLast(new Request<>(request, kind == FrameKind.PING));
        return true;
    }

    /**
     * Queues a keepalive {@code ping} that is about to be sent.
     *
     * @return false, queueing nothing, if a keepalive is still unanswered or the queue is full
     */
    boolean offerKeepalive() {
        if (keepaliveQueued || entries.size() >= capacity) {
            return false;
        }
        entries.addLast(new Keepalive<>());
        keepaliveQueued = true;
        return true;
    }

    /** True while a keepalive {@code ping} waits for its {@code pong}. */
    boolean keepaliveOutstanding() {
        return keepaliveQueued;
    }

    /** How many requests and keepalives wait for a reply. */
    int size() {
        return entries.size();
    }

    /** Routes one inbound frame, removing the entry it answers. */
    Routed<R> route(Frame frame) {
        return switch (frame.kind()) {
            case CHANNEL_MSG, WHISPER, INBOX_WHISPER, RECEIPT -> new Pushed<>(frame);
            case SERVER_INFO -> new AdminSignal<>(((Frame.ServerInfo) frame).admin());
            case PONG -> pong(frame);
            case ERROR -> entries.peekFirst() instanceof Request<R>
                    ? answer(frame)
                    : new UnsolicitedError<>(((Frame.Error) frame).error());
            case HELLO, CHALLENGE, AUTH, ESTABLISHED, REGISTER, JOIN, LEAVE, WHO, ADMIN, PRESENCE,
                    LIST_CHANNELS, CHANNEL_LIST, JOINED, ACK, INVITE_TOKEN, PING, LIST_MACHINES,
                    MACHINE_LIST, LIST_USERS, USER_LIST, INVITE_LIST, READ_SINCE, HISTORY, CAPABILITIES,
                    MARK_READ -> reply(frame);
        };
    }

    private Routed<R> pong(Frame frame) {
        Entry<R> head = entries.peekFirst();
        if (head instanceof Keepalive<R>) {
            entries.removeFirst();
            keepaliveQueued = false;
            return new KeepaliveAnswered<>();
        }
        if (head instanceof Request<R> request && request.ping()) {
            return answer(frame);
        }
        return new Stray<>(frame);
    }

    private Routed<R> reply(Frame frame) {
        Entry<R> head = entries.peekFirst();
        if (head == null) {
            return new Stray<>(frame);
        }
        if (head instanceof Keepalive<R>) {
            return new OutOfOrder<>(frame);
        }
        return answer(frame);
    }

    private Routed<R> answer(Frame frame) {
        Request<R> head = (Request<R>) entries.removeFirst();
        return new Answer<>(head.request(), frame);
    }

    /** Empties the queue (the connection is gone) and returns the requests it held, oldest first. */
    List<R> drain() {
        List<R> requests = new ArrayList<>(entries.size());
        for (Entry<R> entry : entries) {
            if (entry instanceof Request<R> request) {
                requests.add(request.request());
            }
        }
        entries.clear();
        keepaliveQueued = false;
        return requests;
    }
}
