package conclave.server;

import conclave.protocol.Frame;
import conclave.protocol.ProtocolError;
import conclave.protocol.SessionPath;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The outbound side of one WebSocket connection: a queue bounded at {@link #CAPACITY} frames in
 * front of the Netty channel, and the kill switch.
 *
 * <p>A frame counts against the bound from the moment it is offered until Netty has written it
 * to the socket, so a peer that stops reading fills the bound and the next offer fails — the
 * caller then kills the session as a slow consumer instead of buffering without limit. The
 * final error frame of a kill and the WebSocket Close bypass the bound: they are the last two
 * frames the connection will ever carry.
 *
 * <p>Thread-safe: offers and kills come from any thread; Netty serialises the writes on the
 * channel's event loop. {@link #kill} only records the reason and asks the owning handler to act
 * on it at its next turn, so a reply already being produced still goes out first.
 */
final class SessionChannel implements Member {
    /** Outbound frames a session may have queued before it counts as a slow consumer. */
    static final int CAPACITY = 1024;

    private final Channel channel;
    private final WireEncoding encoding;
    private final SessionPath path;
    private final Consumer<SessionChannel> onKill;
    /** Frames offered and not yet written to the socket; the bound is checked against this. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Frames waiting for the next drain on the event loop; never longer than CAPACITY. */
    private final Queue<WebSocketFrame> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicReference<String> killReason = new AtomicReference<>();
    private volatile long lastSeenNanos;

    SessionChannel(
            Channel channel, WireEncoding encoding, SessionPath path, long nowNanos,
            Consumer<SessionChannel> onKill) {
        this.channel = channel;
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

    /** Writes the kill's error frame past the bound, then a WebSocket Close, then closes. */
    void terminate(String reason) {
        drain();
        Frame error = new Frame.Error(new ProtocolError.Unauthorized(reason));
        channel.write(wrap(encoding, encoding.encode(error)));
        close(WebSocketCloseStatus.NORMAL_CLOSURE);
    }

    /** Flushes whatever is queued, sends a WebSocket Close with {@code status}, then closes. */
    void close(WebSocketCloseStatus status) {
        drain();
        channel.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
    }

    private boolean enqueue(byte[] bytes) {
        if (!channel.isActive()) {
            return false;
        }
        if (queued.incrementAndGet() > CAPACITY) {
            queued.decrementAndGet();
            return false;
        }
        pending.add(wrap(encoding, bytes));
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
        return true;
    }

    /**
     * Writes every pending frame and flushes once: a burst of fan-out to this session costs one
     * event-loop task and one syscall, not one per frame. Runs on the event loop.
     */
    private void drain() {
        drainScheduled.set(false); // before polling, so a frame added after the last poll reschedules
        WebSocketFrame frame = pending.poll();
        if (frame == null) {
            return;
        }
        // Netty completes a channel's writes in order, so the batch's last write completing means
        // all of them reached the socket: one promise and one listener per batch, not per frame.
        // Until then every frame of the batch still counts against the bound.
        int batch = 1;
        for (WebSocketFrame next = pending.poll(); next != null; next = pending.poll()) {
            channel.write(frame, channel.voidPromise());
            frame = next;
            batch++;
        }
        int written = batch;
        channel.write(frame).addListener(future -> queued.addAndGet(-written));
        channel.flush();
    }

    static WebSocketFrame wrap(WireEncoding encoding, byte[] bytes) {
        // Shares the array, no copy: the same encoded bytes may go to a thousand recipients.
        return encoding == WireEncoding.BINCODE
                ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))
                : new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes));
    }
}
