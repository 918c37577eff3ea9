package conclave.client;

import static java.util.Objects.requireNonNull;

import conclave.protocol.Frame;
import conclave.protocol.FrameKind;
import conclave.protocol.ProtocolError;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long-lived, self-healing connection to one server, for the bridge and {@code tail}: it dials,
 * runs the handshake, keeps the session alive, correlates requests with replies, and re-dials
 * with {@link LinkBackoff} whenever the connection fails or ends, until {@link #close()}.
 *
 * <h2>States</h2>
 * <table>
 *   <caption>What {@link #request} does in each state</caption>
 *   <tr><th>state</th><th>meaning</th><th>{@code request}</th></tr>
 *   <tr><td>{@link State#CONNECTING}</td><td>a dial or handshake is under way</td>
 *       <td>fails at once: {@code not connected to `<url>`; retry}</td></tr>
 *   <tr><td>{@link State#UP}</td><td>authenticated; keepalive pings every
 *       {@link LinkOptions#keepaliveEvery()}</td>
 *       <td>sends the frame; the future completes with the reply</td></tr>
 *   <tr><td>{@link State#DOWN}</td><td>the connection that was up has ended; the first re-dial is
 *       scheduled</td><td>fails at once, as while connecting</td></tr>
 *   <tr><td>{@link State#BACKING_OFF}</td><td>a dial or handshake failed; the next attempt is
 *       scheduled</td><td>fails at once, as while connecting</td></tr>
 *   <tr><td>{@link State#CLOSED}</td><td>{@link #close()} was called, or the
 *       {@link ServerIdGate} refused the server; final</td>
 *       <td>fails at once: {@code link to `<url>` is closed}</td></tr>
 * </table>
 * The first dial is immediate. CONNECTING leads to UP, or to BACKING_OFF on failure; UP leads to
 * DOWN when the connection ends; DOWN and BACKING_OFF lead back to CONNECTING when their timer
 * fires. Any state leads to CLOSED.
 *
 * <h2>Design</h2>
 * <p><b>Requests.</b> The protocol has no request ids: the server answers each request with one
 * frame, in order. {@link PendingReplies} keeps one entry per request sent, and one per keepalive
 * ping so that its pong is consumed without answering anyone. A request's future completes with
 * its reply frame, an {@code error} frame included (the caller decides what an error means), or
 * fails with a {@link ClientException}: at its {@link Deadline} ({@link ReplyTimeoutException};
 * its entry stays queued so the late reply is still matched, then dropped), when the connection
 * ends first ({@code connection to `<url>` lost; retry}), or at once when the link is not up or
 * already has {@link LinkOptions#maxPending()} requests waiting ({@link LinkBusyException}).
 * {@code request} never throws for any of these. Nothing outlives a connection: the socket's
 * write buffer dies with it, and no request is ever re-sent on the next one, so a stale frame can
 * never shift the order of later replies (SPEC §6.13).
 *
 * <p><b>Extensions.</b> When the server offers (in {@code x-conclave-features}) an extension
 * the options ask for ({@link LinkOptions#features()}), the link sends {@code capabilities} as
 * the first request of each connection; the frames the extension pushes then arrive as
 * {@link LinkEvent.Pushed} like any other pushed traffic.
 *
 * <p><b>Keepalive.</b> A {@code ping} goes out every {@link LinkOptions#keepaliveEvery()} while
 * up and only then, at most one at a time, so pings never pile up during an outage. If one is
 * still unanswered two intervals later, the connection is presumed dead and ended, which the
 * TCP stack alone may take many minutes to notice.
 *
 * <p><b>Re-dials</b> are timers on the link's event loop, never a sleeping thread. Each re-dial
 * waits {@link LinkBackoff#delay} for the next attempt number, from
 * {@link LinkOptions#firstRedial()}; only a connection that stayed up for
 * {@link LinkBackoff#STABLE_UPTIME} starts the numbering over. A run of failed dials is reported
 * as {@link LinkEvent.DialFailing} on the third failure (or {@link LinkOptions#dialNoticeAfter()})
 * and whenever its reason changes.
 *
 * <p><b>Threading.</b> Each link lives on one event loop of its {@link ClientTransport}: its
 * state, its connection, its timers and its listener all run there, so nothing is locked.
 * {@link #request} and {@link #close()} may be called from any thread and hop onto the loop.
 * Reply futures complete on the loop: attach blocking work with the {@code …Async} methods.
 */
public final class Link implements AutoCloseable {
    /** Where the link is in its life; see the class documentation. */
    public enum State {
        CONNECTING,
        UP,
        DOWN,
        BACKING_OFF,
        CLOSED
    }

    private static final Logger LOG = LoggerFactory.getLogger(Link.class);
    /** Keepalive intervals a ping may stay unanswered before the connection is given up. */
    private static final int KEEPALIVE_MISSES_ALLOWED = 2;

    private final ClientTransport transport;
    private final EventLoop loop;
    private final LinkOptions options;
    /** Set once, before the first dial is scheduled. */
    private LinkListener listener;
    private final WebSocketConnection.Encoded keepalivePing;

    // All below: confined to `loop`, except `state`, which others may read.
    private volatile State state = State.CONNECTING;
    private WebSocketConnection connection;
    private PendingReplies<CompletableFuture<Frame>> pending;
    private int attempt;
    private long upSinceNanos;
    private final DialFailures dialFailures;
    private ScheduledFuture<?> redial;
    private ScheduledFuture<?> keepalive;
    private int missedKeepalives;
    private ProtocolError lastServerError;
    private boolean admin;

    private Link(ClientTransport transport, LinkOptions options) {
        this.transport = transport;
        this.loop = transport.nextLoop();
        this.options = options;
        this.keepalivePing = WebSocketConnection.encode(options.encoding(), new Frame.Ping());
        this.dialFailures = new DialFailures(options.dialNoticeAfter());
    }

    /**
     * Creates a link and starts its first dial at once. Events go to {@code listener} on the
     * link's event loop.
     */
    public static Link open(ClientTransport transport, LinkOptions options, LinkListener listener) {
        requireNonNull(listener, "listener");
        return openWith(transport, options, link -> listener);
    }

    /**
     * Like {@link #open(ClientTransport, LinkOptions, LinkListener)}, for a listener that sends
     * requests from its events and so needs the link itself: {@code listenerFor} builds it from
     * the link before the first dial, so no event can arrive before the listener has its link.
     */
    public static Link openWith(
            ClientTransport transport, LinkOptions options, Function<Link, LinkListener> listenerFor) {
        Link link = new Link(requireNonNull(transport, "transport"), requireNonNull(options, "options"));
        link.listener = requireNonNull(listenerFor.apply(link), "listener");
        link.loop.execute(link::dial);
        return link;
    }

    /** The server this link connects to. */
    public ServerUrl url() {
        return options.url();
    }

    /** The current state; it may change as soon as this returns. */
    public State state() {
        return state;
    }

    /**
     * Sends {@code request} with the default deadline ({@link LinkOptions#requestDeadline()}).
     *
     * @see #request(Frame, Deadline)
     */
    public CompletableFuture<Frame> request(Frame request) {
        return request(request, Deadline.after(options.requestDeadline(), options.ticker()));
    }

    /**
     * Sends {@code request} if the link is up, and returns the future of its reply: the next
     * frame that answers a request, {@code error} frames included. The future fails with a
     * {@link ClientException} when {@code deadline} passes, when the connection ends first, when
     * the link is not up, or when too many requests are waiting; see the class documentation.
     * Never throws for any of these.
     */
    public CompletableFuture<Frame> request(Frame request, Deadline deadline) {
        requireNonNull(request, "request");
        requireNonNull(deadline, "deadline");
        CompletableFuture<Frame> reply = new CompletableFuture<>();
        WebSocketConnection.Encoded encoded;
        try {
            encoded = WebSocketConnection.encode(options.encoding(), request);
        } catch (IllegalArgumentException tooLarge) {
            reply.completeExceptionally(tooLarge);
            return reply;
        }
        if (!onLoop(() -> send(request.kind(), encoded, deadline, reply))) {
            reply.completeExceptionally(closed());
        }
        return reply;
    }

    /**
     * Closes the link for good: cancels its timers, closes the connection with a WebSocket Close
     * and fails every waiting request with {@code link to `<url>` is closed}. No event follows.
     * Returns at once; the work happens on the link's event loop.
     */
    @Override
    public void close() {
        onLoop(this::shutdown);
    }

    // Everything below runs on the link's event loop.

    private void dial() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CONNECTING;
        String handle;
        try {
            handle = requireNonNull(options.handle().get(), "the handle supplier returned null");
        } catch (RuntimeException broken) {
            LOG.error("the session handle of the link to {} could not be read", url(), broken);
            dialFailed(broken);
            return;
        }
        LOG.debug("dialling {} as {}", url(), handle);
        WebSocketDialer.dial(transport, loop, url(), options.encoding(), options.connectTimeout())
                .whenComplete((dialled, failure) -> onLoop(() -> dialled(dialled, failure, handle)));
    }

    private void dialled(WebSocketConnection dialled, Throwable failure, String handle) {
        if (failure != null) {
            dialFailed(failure);
            return;
        }
        if (state == State.CLOSED) {
            dialled.close("link closed");
            return;
        }
        Optional<String> serverId = dialled.serverId();
        Optional<String> refusal;
        try {
            refusal = serverId.flatMap(id -> options.serverIdGate().check(id));
        } catch (RuntimeException broken) {
            // A throwing gate must not wedge the link: count it as a failed dial and try again.
            LOG.error("the server id gate of the link to {} failed", url(), broken);
            dialled.close("server id gate failed");
            dialFailed(broken);
            return;
        }
        if (refusal.isPresent()) {
            dialled.close("refused: " + refusal.get());
            LOG.warn("link to {} refused before the handshake: {}", url(), refusal.get());
            shutdown();
            emit(new LinkEvent.Refused(serverId.get(), refusal.get()));
            return;
        }
        connection = dialled;
        HandshakeRun.start(dialled, Handshake.login(options.key(), handle), options.handshakeTimeout(),
                        new Inbound(dialled))
                .whenComplete((done, rejected) -> onLoop(() -> handshaken(dialled, done, rejected)));
    }

    private void handshaken(WebSocketConnection established, Handshake.Done done, Throwable failure) {
        if (connection != established) {
            established.close("link closed");
            return; // closed (and maybe re-dialled) while the handshake ran
        }
        if (failure != null) {
            connection = null;
            dialFailed(failure);
            return;
        }
        state = State.UP;
        upSinceNanos = options.ticker().getAsLong();
        dialFailures.succeeded();
        pending = new PendingReplies<>(options.maxPending());
        missedKeepalives = 0;
        lastServerError = null;
        admin = done.admin();
        long every = options.keepaliveEvery().toNanos();
        keepalive = loop.scheduleAtFixedRate(this::keepalive, every, every, TimeUnit.NANOSECONDS);
        LOG.info("link to {} up as {}", url(), done.path());
        negotiate(established);
        emit(new LinkEvent.Up(done.path(), done.admin(), established.serverId()));
    }

    /**
     * Asks for the wanted extensions the server offered, as the first request of the connection,
     * so that any request the listener sends on {@code Up} queues behind it. Nothing is sent when
     * none is both wanted and offered, which keeps a link to an older server on the original protocol.
     */
    private void negotiate(WebSocketConnection established) {
        List<String> asked = options.features().stream().filter(established.offeredFeatures()::contains).toList();
        if (asked.isEmpty()) {
            return;
        }
        Frame capabilities = new Frame.Capabilities(asked);
        CompletableFuture<Frame> reply = new CompletableFuture<>();
        reply.whenComplete((frame, failure) -> {
            if (frame instanceof Frame.Capabilities accepted) {
                LOG.debug("link to {} negotiated {}", url(), accepted.features());
            } else {
                LOG.warn("link to {} could not negotiate {}: {}", url(), asked,
                        failure != null ? failure.getMessage() : frame.kind().jsonName());
            }
        });
        send(capabilities.kind(), WebSocketConnection.encode(options.encoding(), capabilities),
                Deadline.after(options.requestDeadline(), options.ticker()), reply);
    }

    private void dialFailed(Throwable failure) {
        if (state == State.CLOSED) {
            return;
        }
        String reason = failure instanceof ClientException known
                ? known.getMessage()
                : "failed to connect to `" + url() + "`: " + TransportFailures.describe(failure);
        Optional<LinkEvent.DialFailing> notice = dialFailures.failed(reason);
        if (notice.isPresent()) {
            LOG.warn("link to {} keeps failing ({} attempts): {}", url(), dialFailures.consecutive(), reason);
        } else {
            LOG.debug("link to {} failed to connect: {}", url(), reason);
        }
        notice.ifPresent(this::emit);
        if (state != State.CLOSED) {
            scheduleRedial(State.BACKING_OFF);
        }
    }

    private void scheduleRedial(State waiting) {
        Duration delay = LinkBackoff.delay(options.firstRedial(), attempt, options.random().getAsDouble());
        if (attempt < Integer.MAX_VALUE) {
            attempt++;
        }
        state = waiting;
        redial = loop.schedule(this::dial, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void lost(String transportReason) {
        connection = null;
        keepalive.cancel(false);
        state = State.DOWN;
        Duration uptime = Duration.ofNanos(options.ticker().getAsLong() - upSinceNanos);
        String reason = lastServerError != null ? lastServerError.display() : transportReason;
        for (CompletableFuture<Frame> reply : pending.drain()) {
            reply.completeExceptionally(new ConnectionLostException("connection to `" + url() + "` lost; retry"));
        }
        attempt = LinkBackoff.attemptAfterDrop(attempt, uptime);
        LOG.info("link to {} down after {}: {}", url(), Durations.text(Duration.ofMillis(uptime.toMillis())), reason);
        emit(new LinkEvent.Down(reason, uptime));
        if (state == State.DOWN) { // the listener may have closed the link
            scheduleRedial(State.DOWN);
        }
    }

    private void keepalive() {
        if (state != State.UP) {
            return;
        }
        if (pending.keepaliveOutstanding()) {
            if (++missedKeepalives >= KEEPALIVE_MISSES_ALLOWED) {
                connection.abort("no reply to a keepalive ping within "
                        + Durations.text(options.keepaliveEvery().multipliedBy(KEEPALIVE_MISSES_ALLOWED)));
            }
            return;
        }
        if (pending.offerKeepalive()) {
            connection.send(keepalivePing);
        }
    }

    private void send(FrameKind kind, WebSocketConnection.Encoded encoded, Deadline deadline,
            CompletableFuture<Frame> reply) {
        if (state == State.CLOSED) {
            reply.completeExceptionally(closed());
            return;
        }
        if (state != State.UP) {
            reply.completeExceptionally(new ConnectionLostException("not connected to `" + url() + "`; retry"));
            return;
        }
        if (deadline.expired()) {
            reply.completeExceptionally(timedOut(deadline));
            return;
        }
        if (!pending.offerRequest(reply, kind)) {
            reply.completeExceptionally(new LinkBusyException(
                    "too many requests waiting for `" + url() + "` (" + options.maxPending() + "); retry"));
            return;
        }
        ScheduledFuture<?> timer = loop.schedule(
                () -> reply.completeExceptionally(timedOut(deadline)),
                deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        reply.whenComplete((frame, failure) -> timer.cancel(false));
        connection.send(encoded);
    }

    private ReplyTimeoutException timedOut(Deadline deadline) {
        return new ReplyTimeoutException("timed out after " + Durations.text(deadline.budget())
                + " waiting for a response from `" + url() + "`");
    }

    private ConnectionLostException closed() {
        return new ConnectionLostException("link to `" + url() + "` is closed");
    }

    private void shutdown() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (redial != null) {
            redial.cancel(false);
        }
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        if (connection != null) {
            connection.close("link closed");
            connection = null;
        }
        if (pending != null) {
            pending.drain().forEach(reply -> reply.completeExceptionally(closed()));
        }
        LOG.debug("link to {} closed", url());
    }

    private void emit(LinkEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException bug) {
            LOG.warn("the listener of the link to {} failed on {}", url(), event.getClass().getSimpleName(), bug);
        }
    }

    /** Runs {@code task} on the loop: now if already there. False if the loop has stopped. */
    private boolean onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return true;
        }
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    /** Reads one established connection; ignores it once the link has moved on. */
    private final class Inbound implements WebSocketConnection.Listener {
        private final WebSocketConnection owner;

        Inbound(WebSocketConnection owner) {
            this.owner = owner;
        }

        @Override
        public void onFrame(Frame frame) {
            if (connection != owner || state != State.UP) {
                return;
            }
            PendingReplies.Routed<CompletableFuture<Frame>> routed = pending.route(frame);
            if (routed instanceof PendingReplies.Answer<CompletableFuture<Frame>> answer) {
                answer.request().complete(answer.reply()); // a no-op if its deadline already passed
            } else if (routed instanceof PendingReplies.KeepaliveAnswered<CompletableFuture<Frame>>) {
                missedKeepalives = 0;
            } else if (routed instanceof PendingReplies.Pushed<CompletableFuture<Frame>> pushed) {
                emit(new LinkEvent.Pushed(pushed.frame()));
            } else if (routed instanceof PendingReplies.AdminSignal<CompletableFuture<Frame>> signal) {
                if (signal.admin() != admin) {
                    admin = signal.admin();
                    emit(new LinkEvent.AdminChanged(admin));
                }
            } else if (routed instanceof PendingReplies.UnsolicitedError<CompletableFuture<Frame>> error) {
                lastServerError = error.error();
                LOG.info("server {} says: {}", url(), error.error().display());
                emit(new LinkEvent.ServerError(error.error()));
            } else if (routed instanceof PendingReplies.OutOfOrder<CompletableFuture<Frame>> outOfOrder) {
                owner.abort("the server answered a keepalive ping with " + outOfOrder.frame().kind().jsonName());
            } else if (routed instanceof PendingReplies.Stray<CompletableFuture<Frame>> stray) {
                LOG.debug("skipped a stray {} from {}", stray.frame().kind().jsonName(), url());
            }
        }

        @Override
        public void onClosed(String reason) {
            if (connection == owner && state == State.UP) {
                lost(reason);
            }
        }
    }
}
