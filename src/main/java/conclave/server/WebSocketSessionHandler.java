package conclave.server;

import conclave.protocol.BincodeCodec;
import conclave.protocol.DecodeException;
import conclave.protocol.Frame;
import conclave.protocol.JsonFrameCodec;
import conclave.protocol.SessionPath;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Thin glue between one WebSocket connection and its {@link SessionMachine}: turns Netty callbacks
 * into machine events and the machine's output into writes. Not sharable: one per connection.
 *
 * <p>Inbound is bounded: while the machine handles a frame, auto-read is off, so a flooding client
 * waits in its own TCP window instead of in server memory. Machine calls run on the session's
 * {@link SerialExecutor} (blocking store work never touches the event loop); every other field is
 * confined to the channel's event loop.
 */
final class WebSocketSessionHandler extends ChannelInboundHandlerAdapter implements SessionOutput {
    private static final BincodeCodec BINCODE = new BincodeCodec();
    private static final JsonFrameCodec JSON = new JsonFrameCodec();

    private final SessionMachine machine;
    private final SerialExecutor serial;
    private final ServerClock clock;
    private final Hub hub;
    private final Duration handshakeDeadline;
    private final ServerMetrics metrics;
    private final RequestDrain drain;
    private ChannelHandlerContext ctx;
    private WireEncoding encoding;
    private ScheduledFuture<?> handshakeTimer;
    /**
     * Machine steps submitted and not yet done. Usually 0 or 1, but frames Netty decoded from one
     * socket read before reads paused are each a step, queued in order on the serial executor.
     */
    private int stepsInFlight;
    private boolean closing;
    /** Written on the serial executor, read on the event loop. */
    private volatile SessionChannel member;

    WebSocketSessionHandler(
            SessionMachine machine, SerialExecutor serial, ServerClock clock, Hub hub, Duration handshakeDeadline,
            ServerMetrics metrics, RequestDrain drain) {
        this.machine = machine;
        this.serial = serial;
        this.clock = clock;
        this.hub = hub;
        this.handshakeDeadline = handshakeDeadline;
        this.metrics = metrics;
        this.drain = drain;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        handshakeTimer = ctx.executor().schedule(
                this::handshakeTimedOut, handshakeDeadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof BinaryWebSocketFrame binary) {
                onMessage(WireEncoding.BINCODE, binary.content());
            } else if (msg instanceof TextWebSocketFrame text) {
                onMessage(WireEncoding.JSON, text.content());
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame) {
                closeQuietly(WebSocketCloseStatus.NORMAL_CLOSURE);
            }
            // Pongs are ignored: WebSocket control frames are not liveness, app-level Pings are.
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onMessage(WireEncoding opcode, ByteBuf content) {
        if (closing) {
            return;
        }
        if (encoding == null) {
            encoding = opcode;
        } else if (encoding != opcode) {
            closeQuietly(WebSocketCloseStatus.PROTOCOL_ERROR);
            return;
        }
        SessionChannel established = member;
        if (established != null) {
            established.seen(clock.nanos());
        }
        if (opcode == WireEncoding.BINCODE) {
            Frame frame;
            try {
                frame = BINCODE.decode(ByteBufUtil.getBytes(content)).frame();
            } catch (DecodeException garbage) {
                closeQuietly(WebSocketCloseStatus.PROTOCOL_ERROR); // as the original: no error frame
                return;
            }
            submit(() -> machine.onFrame(frame, this));
        } else {
            String text = content.toString(StandardCharsets.UTF_8);
            try {
                Frame frame = JSON.decode(text);
                submit(() -> machine.onFrame(frame, this));
            } catch (DecodeException malformed) {
                submit(() -> machine.onMalformed(malformed.getMessage(), this));
            }
        }
    }

    /**
     * Runs one machine step off the event loop with reads paused until it is done. Once the
     * server drains, a frame is dropped unanswered: the Close that follows tells the client.
     */
    private void submit(Runnable step) {
        if (!drain.admit()) {
            return;
        }
        stepsInFlight++;
        ctx.channel().config().setAutoRead(false);
        serial.execute(() -> {
            try {
                step.run();
            } finally {
                drain.done();
            }
            ctx.executor().execute(this::stepDone);
        });
    }

    private void stepDone() {
        stepsInFlight--;
        if (stepsInFlight > 0) {
            return; // the next queued step is already running
        }
        SessionChannel established = member;
        if (established != null && established.isKilled()) {
            terminate(established);
        } else if (!closing) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void handshakeTimedOut() {
        if (member != null || closing) {
            return;
        }
        if (encoding == null) {
            // Nothing was ever sent, so there is no encoding to speak an error frame in.
            closeQuietly(WebSocketCloseStatus.POLICY_VIOLATION);
            return;
        }
        serial.execute(() -> machine.onHandshakeTimedOut(this));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        serial.execute(machine::onClosed);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Oversized messages, protocol violations and resets all end the connection; nothing to say.
        closeQuietly(WebSocketCloseStatus.PROTOCOL_ERROR);
    }

    // SessionOutput: called on the serial executor.

    @Override
    public boolean send(Frame frame) {
        SessionChannel established = member;
        if (established == null) {
            ctx.writeAndFlush(SessionChannel.wrap(encoding, encoding.encode(frame)));
            return true;
        }
        if (established.reply(frame)) {
            return true;
        }
        established.kill(ForceDrop.SLOW_CONSUMER);
        return false;
    }

    @Override
    public void close() {
        ctx.executor().execute(() -> closeQuietly(WebSocketCloseStatus.NORMAL_CLOSURE));
    }

    @Override
    public Member establish(SessionPath path) {
        SessionChannel channel = new SessionChannel(ctx.channel(), encoding, path, clock.nanos(), this::killed);
        member = channel;
        ConnectionLimiter.Admission admission = ctx.channel().attr(ConnectionLimiter.Admission.KEY).get();
        if (admission != null) {
            admission.authenticated();
        }
        ctx.executor().execute(() -> {
            if (handshakeTimer != null) {
                handshakeTimer.cancel(false);
            }
        });
        return channel;
    }

    /** Called from any thread by {@link SessionChannel#kill}: leave presence now, say why soon. */
    private void killed(SessionChannel channel) {
        metrics.forceDropped(channel.killReason());
        hub.detach(channel);
        ctx.executor().execute(() -> {
            if (stepsInFlight == 0) {
                terminate(channel); // otherwise the reply in progress goes first; stepDone terminates
            }
        });
    }

    private void terminate(SessionChannel channel) {
        if (closing) {
            return;
        }
        closing = true;
        channel.terminate(channel.killReason());
    }

    private void closeQuietly(WebSocketCloseStatus status) {
        if (closing) {
            return;
        }
        closing = true;
        SessionChannel established = member;
        if (established != null) {
            established.close(status);
        } else {
            ctx.writeAndFlush(new CloseWebSocketFrame(status))
                    .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        }
    }
}
