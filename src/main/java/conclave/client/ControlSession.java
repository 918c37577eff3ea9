package conclave.client;

import static java.util.Objects.requireNonNull;

import conclave.protocol.Frame;
import conclave.protocol.FrameKind;
import conclave.protocol.SessionPath;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short authenticated exchange with a server, as the CLI's control verbs make it
 * (reference/cli.md §1.1): connect, handshake, send requests one at a time and read one reply
 * each, close. {@link #exchange} does all of it for a single request.
 *
 * <p>Waiting for a reply skips {@code server_info}, {@code pong} and pushed traffic
 * ({@code channel_msg}, {@code whisper}: a session that joined a channel may receive other
 * members' posts between its requests). Every failure is one {@link ClientException} whose
 * message is the line to print:
 * <ul>
 *   <li>{@code failed to connect to `<url>`: <cause>} and
 *       {@code timed out after 10s connecting to `<url>`} ({@link DialException});
 *   <li>{@code authentication rejected: <error>} or {@code registration rejected: <error>}
 *       ({@link HandshakeRejectedException});
 *   <li>the server's error text for an {@code error} reply ({@link ErrorReplyException});
 *   <li>{@code unexpected response: <kind>} ({@link UnexpectedReplyException});
 *   <li>{@code timed out after 15s waiting for a server response} ({@link ReplyTimeoutException});
 *   <li>{@code connection closed before a response arrived} ({@link ConnectionLostException}).
 * </ul>
 * After a timeout the order of replies can no longer be trusted, so the session closes itself.
 *
 * <p>One thread at a time; the blocking calls must not run on a client event loop. The
 * connection, its reply queue and its timers are confined to the session's event loop.
 */
public final class ControlSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlSession.class);
    /** Replies are awaited one at a time; a few slots tolerate a caller that pipelines. */
    private static final int MAX_PENDING = 64;
    /** Beyond the session's own timers, how long a blocked caller waits before calling it a bug. */
    private static final Duration BACKSTOP = Duration.ofSeconds(5);
    private static final String CLOSED_BEFORE_REPLY = "connection closed before a response arrived";

    private final ClientTransport transport;
    private final boolean ownsTransport;
    private final EventLoop loop;
    private final WebSocketConnection connection;
    private final ControlOptions options;
    /** Confined to {@link #loop}. */
    private final PendingReplies<CompletableFuture<Frame>> pending = new PendingReplies<>(MAX_PENDING);
    /** Confined to {@link #loop}; set once the connection has ended. */
    private String endedBecause;
    private volatile SessionPath path;
    private volatile boolean admin;

    private ControlSession(
            ClientTransport transport, boolean ownsTransport, EventLoop loop, WebSocketConnection connection,
            ControlOptions options) {
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.loop = loop;
        this.connection = connection;
        this.options = options;
    }

    /**
     * Connects and logs the enrolled key in as {@code options.handle()}.
     *
     * @throws ClientException if the server cannot be reached or refuses the handshake
     */
    public static ControlSession login(ControlOptions options) {
        return open(options, Handshake.login(options.key(), options.handle()));
    }

    /**
     * Connects, claims {@code username} and enrols the key as {@code machine}, then logs in as
     * {@code options.handle()}.
     *
     * @throws ClientException if the server cannot be reached or refuses the registration
     *     ({@code registration rejected: …})
     */
    public static ControlSession register(ControlOptions options, String username, String machine) {
        return open(options, Handshake.register(options.key(), options.handle(), username, machine));
    }

    /**
     * One request on its own connection: login, send, read the reply, close.
     *
     * @return the reply; never an {@code error} frame
     * @throws ClientException for every failure, as listed on the class
     */
    public static Frame exchange(ControlOptions options, Frame request) {
        try (ControlSession session = login(options)) {
            return session.request(request);
        }
    }

    /**
     * Like {@link #exchange(ControlOptions, Frame)}, for a reply of one kind.
     *
     * @throws UnexpectedReplyException if the reply is of another kind
     */
    public static <T extends Frame> T exchange(ControlOptions options, Frame request, Class<T> expected) {
        try (ControlSession session = login(options)) {
            return session.request(request, expected);
        }
    }

    private static ControlSession open(ControlOptions options, Handshake handshake) {
        ClientTransport transport = ClientTransport.start();
        try {
            return open(transport, true, options, handshake);
        } catch (RuntimeException failure) {
            transport.close();
            throw failure;
        }
    }

    /** Opens a session on a transport the caller owns and closes. */
    static ControlSession open(ClientTransport transport, ControlOptions options, Handshake handshake) {
        return open(transport, false, options, handshake);
    }

    private static ControlSession open(
            ClientTransport transport, boolean owned, ControlOptions options, Handshake handshake) {
        EventLoop loop = transport.nextLoop();
        WebSocketConnection connection = await(
                () -> WebSocketDialer.dial(transport, loop, options.url(), options.encoding(), options.connectTimeout()),
                options.connectTimeout());
        ControlSession session = new ControlSession(transport, owned, loop, connection, options);
        Handshake.Done done;
        try {
            done = await(
                    () -> CompletableFuture.supplyAsync(
                                    () -> HandshakeRun.start(connection, handshake, options.replyTimeout(), session.inbound()),
                                    loop)
                            .thenCompose(run -> run),
                    options.replyTimeout().multipliedBy(3));
        } catch (RuntimeException failure) {
            connection.abort("handshake failed");
            throw failure;
        }
        session.path = done.path();
        session.admin = done.admin();
        return session;
    }

    /** The session's full path, e.g. {@code alice/laptop/cli-4242}. */
    public SessionPath path() {
        return path;
    }

    /** Whether the server said this user is a server admin. */
    public boolean admin() {
        return admin;
    }

    /** The server's {@code x-conclave-server-id}, if its upgrade response carried one. */
    public Optional<String> serverId() {
        return connection.serverId();
    }

    /**
     * Sends {@code request} and waits for its reply.
     *
     * @return the reply; never an {@code error} frame
     * @throws ErrorReplyException if the server answered with an error
     * @throws UnexpectedReplyException if the answer is not a reply frame at all
     * @throws ClientException for a timeout or a lost connection
     */
    public Frame request(Frame request) {
        requireNonNull(request, "request");
        WebSocketConnection.Encoded encoded = WebSocketConnection.encode(options.encoding(), request);
        CompletableFuture<Frame> reply = new CompletableFuture<>();
        Frame frame = await(() -> {
            loop.execute(() -> send(request.kind(), encoded, reply));
            return reply;
        }, options.replyTimeout());
        if (frame instanceof Frame.Error error) {
            throw new ErrorReplyException(error.error());
        }
        if (!isReply(frame.kind())) {
            throw new UnexpectedReplyException(frame.kind());
        }
        return frame;
    }

    /**
     * Sends {@code request} and waits for a reply of the {@code expected} kind.
     *
     * @throws UnexpectedReplyException if the reply is of another kind
     * @throws ClientException for every other failure, as {@link #request(Frame)}
     */
    public <T extends Frame> T request(Frame request, Class<T> expected) {
        Frame reply = request(request);
        if (!expected.isInstance(reply)) {
            throw new UnexpectedReplyException(reply.kind());
        }
        return expected.cast(reply);
    }

    /** Closes the connection (a WebSocket Close, then the socket) and, if owned, the transport. */
    @Override
    public void close() {
        connection.close("closed by this client");
        connection.closeFuture().awaitUninterruptibly(BACKSTOP.toMillis());
        if (ownsTransport) {
            transport.close();
        }
    }

    /** Runs on the loop: queue the reply slot, arm its timer, write. */
    private void send(FrameKind kind, WebSocketConnection.Encoded encoded, CompletableFuture<Frame> reply) {
        if (endedBecause != null) {
            reply.completeExceptionally(new ConnectionLostException(CLOSED_BEFORE_REPLY));
            return;
        }
        if (!pending.offerRequest(reply, kind)) {
            reply.completeExceptionally(new IllegalStateException(
                    "more than " + MAX_PENDING + " requests outstanding on one control session"));
            return;
        }
        Duration limit = options.replyTimeout();
        ScheduledFuture<?> timer = loop.schedule(() -> {
            if (reply.completeExceptionally(new ReplyTimeoutException(
                    "timed out after " + Durations.text(limit) + " waiting for a server response"))) {
                connection.abort("no response within " + Durations.text(limit));
            }
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
        reply.whenComplete((frame, failure) -> timer.cancel(false));
        connection.send(encoded);
    }

    private WebSocketConnection.Listener inbound() {
        return new WebSocketConnection.Listener() {
            @Override
            public void onFrame(Frame frame) {
                PendingReplies.Routed<CompletableFuture<Frame>> routed = pending.route(frame);
                if (routed instanceof PendingReplies.Answer<CompletableFuture<Frame>> answer) {
                    answer.request().complete(answer.reply());
                } else if (routed instanceof PendingReplies.AdminSignal<CompletableFuture<Frame>> signal) {
                    admin = signal.admin();
                } else if (routed instanceof PendingReplies.UnsolicitedError<CompletableFuture<Frame>> error) {
                    LOG.debug("server error with no request outstanding: {}", error.error().kind());
                }
                // Pushed traffic and stray frames are skipped.
            }

            @Override
            public void onClosed(String reason) {
                endedBecause = reason;
                for (CompletableFuture<Frame> reply : pending.drain()) {
                    reply.completeExceptionally(new ConnectionLostException(CLOSED_BEFORE_REPLY));
                }
            }
        };
    }

    /** Whether a server may send this kind as the answer to a request. */
    static boolean isReply(FrameKind kind) {
        return switch (kind) {
            case PRESENCE, ERROR, CHANNEL_LIST, JOINED, ACK, INVITE_TOKEN, PONG, MACHINE_LIST, USER_LIST,
                    INVITE_LIST, HISTORY, CAPABILITIES -> true;
            case HELLO, CHALLENGE, AUTH, ESTABLISHED, REGISTER, JOIN, LEAVE, WHO, ADMIN, CHANNEL_MSG, WHISPER,
                    LIST_CHANNELS, SERVER_INFO, LIST_MACHINES, LIST_USERS, PING, READ_SINCE, RECEIPT, MARK_READ,
                    INBOX_WHISPER -> false;
        };
    }

    /**
     * Starts an asynchronous step and waits for it. The step's own timers guarantee it ends;
     * the backstop only turns a bug into an error instead of a hang.
     */
    private static <T> T await(Supplier<CompletableFuture<T>> step, Duration limit) {
        CompletableFuture<T> future;
        try {
            future = step.get();
        } catch (RejectedExecutionException stopped) {
            throw new ConnectionLostException(CLOSED_BEFORE_REPLY);
        }
        try {
            return future.get(limit.plus(BACKSTOP).toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionLostException("interrupted while waiting for the server");
        } catch (TimeoutException e) {
            throw new IllegalStateException("a client step outlived its own timers by " + BACKSTOP, e);
        }
    }
}
