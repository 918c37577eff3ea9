package conclave.server;

import conclave.protocol.Frame;
import conclave.protocol.ProtocolError;
import conclave.protocol.SessionPath;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The outbound side of one WebSocket connection: a bound of {@link #CAPACITY} frames in front of
 * the Netty channel, and the kill switch.
 *
 * <p>A frame counts against the bound from the moment it is admitted (a reply or push when it is
 * offered, a fan-out message when its event loop delivers it) until Netty has written it to the
 * socket, so a peer that stops reading fills the bound and the next frame is refused — the
 * session is then killed as a slow consumer instead of buffering without limit. The
 * final error frame of a kill and the WebSocket Close bypass the bound: they are the last two
 * frames the connection will ever carry.
 *
 * <p>Design note. An offered frame travels to the channel's event loop as a task: one task per
 * frame for replies and single pushes, and one task per event loop for a whole fan-out
 * ({@link FanOutBatch}, which also frames the message once for all its recipients), so a message
 * to a thousand sessions costs a handful of cross-thread hand-offs, not a thousand. Because
 * every path goes through the event loop's one task queue, frames from one producer thread
 * reach a session in the order they were offered. On the event loop a frame is written at once
 * and flushed later: a reply by a flush task of its own session, a fan-out by its loop's
 * {@link LoopFlusher} pass, so a burst of messages to this session costs one syscall, not one
 * per frame. Whoever first leaves the session with unflushed frames owns the next flush.
 *
 * <p>Thread-safe: offers and kills come from any thread; {@code unflushed} and {@code dirty} are
 * confined to the event loop. {@link #kill} only records the reason and asks the owning handler
 * to act on it at its next turn, so a reply already being produced still goes out first.
 */
final class SessionChannel implements Member {
    /** How long a killed session's peer has to read its error and the Close before the socket is cut. */
    static final Duration KILL_CLOSE_GRACE = Duration.ofSeconds(30);

    /** Outbound frames a session may have queued before it counts as a slow consumer. */
    static final int CAPACITY = 1024;

    private final Channel channel;
    /** The channel's event loop, kept here so that a fan-out need not read the channel. */
    private final EventExecutor eventLoop;
    /**
     * Where framed messages enter the pipeline: just past the WebSocket encoder, which would
     * only pass them on untouched; the whole pipeline when there is none.
     */
    private final ChannelOutboundInvoker wire;
    private final WireEncoding encoding;
    private final SessionPath path;
    private final Consumer<SessionChannel> onKill;
    /** Frames offered and not yet written to the socket; the bound is checked against this. */
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicReference<String> killReason = new AtomicReference<>();
    private volatile long lastSeenNanos;
    /** Event loop only: frames written since the last flush. */
    private int unflushed;
    /** Event loop only: a flush of this session is scheduled. */
    private boolean dirty;

    SessionChannel(
            Channel channel, WireEncoding encoding, SessionPath path, long nowNanos,
            Consumer<SessionChannel> onKill) {
        this.channel = channel;
        this.eventLoop = channel.eventLoop();
        ChannelHandlerContext encoder = channel.pipeline().context(WebSocketFrameEncoder.class);
        this.wire = encoder != null ? encoder : channel;
        this.encoding = encoding;
        this.path = path;
        this.onKill = onKill;
        this.lastSeenNanos = nowNanos;
    }

    @Override
    public SessionPath path() {
        return path;
    }

    @Override
    public boolean offer(SharedFrame frame) {
        return enqueue(frame.encoded(encoding));
    }

    /**
     * Adds this session to {@code batch}. Its bound is checked on the event loop when the batch
     * is delivered (see {@link #deliver}), where the counter is mostly local: checking it here
     * would cost the fan-out thread a cache miss per recipient.
     */
    @Override
    public boolean offer(SharedFrame frame, FanOutBatch batch) {
        batch.add(this);
        return true;
    }

    /** Queues one of this session's own replies; false means the session must be dropped. */
    boolean reply(Frame frame) {
        return enqueue(encoding.encode(frame));
    }

    @Override
    public void kill(String reason) {
        if (killReason.compareAndSet(null, reason)) {
            onKill.accept(this);
        }
    }

    @Override
    public boolean isKilled() {
        return killReason.get() != null;
    }

    /** The reason of the first kill, or null while the session may live. */
    String killReason() {
        return killReason.get();
    }

    @Override
    public long lastSeenNanos() {
        return lastSeenNanos;
    }

    void seen(long nowNanos) {
        lastSeenNanos = nowNanos;
    }

    EventExecutor eventLoop() {
        return eventLoop;
    }

    WireEncoding encoding() {
        return encoding;
    }

    /** Writes the kill's error frame past the bound, then a WebSocket Close, then closes. Event loop only. */
    void terminate(String reason) {
        Frame error = new Frame.Error(new ProtocolError.Unauthorized(reason));
        channel.write(wrap(encoding, encoding.encode(error)));
        close(WebSocketCloseStatus.NORMAL_CLOSURE);
        // A peer that stopped reading never takes the Close: without a deadline it would keep its
        // socket, a connection slot and everything queued for it after it left presence.
        ScheduledFuture<?> cut = channel.eventLoop().schedule(
                () -> channel.close(), KILL_CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(closed -> cut.cancel(false));
    }

    /** Flushes what was written, sends a WebSocket Close with {@code status}, then closes. Event loop only. */
    void close(WebSocketCloseStatus status) {
        channel.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Frames {@code frame} once per encoding needed and writes a duplicate of that buffer to every
     * session in {@code sessions} that is within its bound (killing the others as slow
     * consumers), which all live on the calling event loop, and leaves the
     * flush to that loop's {@code flusher}: scheduled now if {@code flushNow}, else requested by
     * the burst that made this fan-out.
     */
    static void deliver(List<SessionChannel> sessions, SharedFrame frame, LoopFlusher flusher, boolean flushNow) {
        ByteBuf[] framed = new ByteBuf[WireEncoding.values().length];
        try {
            for (SessionChannel session : sessions) {
                if (!session.admit()) {
                    session.kill(ForceDrop.SLOW_CONSUMER);
                    continue;
                }
                int encoding = session.encoding.ordinal();
                if (framed[encoding] == null) {
                    framed[encoding] = WebSocketFraming.frame(session.encoding, frame.encoded(session.encoding));
                }
                if (session.write(framed[encoding].retainedDuplicate(), session.wire)) {
                    flusher.add(session);
                }
            }
        } finally {
            for (ByteBuf buffer : framed) {
                if (buffer != null) {
                    buffer.release(); // each written duplicate holds its own reference
                }
            }
        }
        if (flushNow) {
            flusher.schedule();
        }
    }

    /** Counts one frame against the bound; false if the channel is closed or the bound is reached. */
    private boolean admit() {
        if (!channel.isActive()) {
            return false;
        }
        if (queued.incrementAndGet() > CAPACITY) {
            queued.decrementAndGet();
            return false;
        }
        return true;
    }

    private boolean enqueue(byte[] bytes) {
        if (!admit()) {
            return false;
        }
        WebSocketFrame frame = wrap(encoding, bytes);
        channel.eventLoop().execute(() -> {
            if (write(frame, channel)) {
                channel.eventLoop().execute(this::flush);
            }
        });
        return true;
    }

    /**
     * Hands one admitted frame (a {@code WebSocketFrame} through the {@code channel}, or a
     * framed message from {@link WebSocketFraming} through the {@code wire}) to Netty without
     * flushing. Event loop only.
     *
     * @return true if this session had nothing unflushed, so the caller must schedule a flush
     */
    private boolean write(Object frame, ChannelOutboundInvoker via) {
        via.write(frame, via.voidPromise());
        unflushed++;
        if (dirty) {
            return false;
        }
        dirty = true;
        return true;
    }

    /**
     * Flushes what was written since the last flush. Netty completes a channel's writes in order,
     * so an empty write after them completes once they all reached the socket: one promise and one
     * listener per flush, not per frame, and until then each frame still counts against the bound.
     * Event loop only.
     */
    void flush() {
        dirty = false;
        int written = unflushed;
        unflushed = 0;
        if (written > 0) {
            wire.write(Unpooled.EMPTY_BUFFER).addListener(future -> queued.addAndGet(-written));
        }
        wire.flush();
    }

    static WebSocketFrame wrap(WireEncoding encoding, byte[] bytes) {
        // Shares the array, no copy: the same encoded bytes may go to a thousand recipients.
        return encoding == WireEncoding.BINCODE
                ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))
                : new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes));
    }
}
