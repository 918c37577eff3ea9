package conclave.client;

import static java.util.Objects.requireNonNull;

import conclave.protocol.BincodeCodec;
import conclave.protocol.DecodeException;
import conclave.protocol.Frame;
import conclave.protocol.JsonFrameCodec;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upgraded WebSocket connection to a server: encodes outbound frames, decodes inbound ones
 * and hands them to its {@link Listener}, answers WebSocket pings, and says once why it ended.
 *
 * <p>Messages of the other encoding's opcode and messages that do not decode are skipped with a
 * warning, as the Rust client does: a newer server may push frames this client does not know.
 * The listener and the close reason are confined to the channel's event loop; {@link #send} may
 * be called from any thread.
 */
final class WebSocketConnection {
    /** Receives what arrives, on the connection's event loop. */
    interface Listener {
        void onFrame(Frame frame);

        /** The connection has ended; called once, and nothing arrives after it. */
        void onClosed(String reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);
    private static final BincodeCodec BINCODE = new BincodeCodec();
    private static final Listener IGNORE = new Listener() {
        @Override
        public void onFrame(Frame frame) {}

        @Override
        public void onClosed(String reason) {}
    };

    private final Channel channel;
    private final ServerUrl url;
    private final WireEncoding encoding;
    private final Optional<String> serverId;
    private final List<String> offeredFeatures;
    private Listener listener = IGNORE;
    private String closeReason;
    private boolean ended;

    WebSocketConnection(
            Channel channel, ServerUrl url, WireEncoding encoding, Optional<String> serverId,
            List<String> offeredFeatures) {
        this.channel = channel;
        this.url = url;
        this.encoding = encoding;
        this.serverId = serverId;
        this.offeredFeatures = List.copyOf(offeredFeatures);
    }

    /** The handler that feeds this connection; goes last in the upgraded pipeline. */
    SimpleChannelInboundHandler<WebSocketFrame> inbound() {
        return new Inbound();
    }

    /** The server's {@code x-conclave-server-id} from the upgrade response, if it sent one. */
    Optional<String> serverId() {
        return serverId;
    }

    /** The extensions the server offered in {@code x-conclave-features}; empty if it sent none. */
    List<String> offeredFeatures() {
        return offeredFeatures;
    }

    EventLoop loop() {
        return channel.eventLoop();
    }

    /** Completes once the socket is closed. */
    ChannelFuture closeFuture() {
        return channel.closeFuture();
    }

    /**
     * Sets who receives what arrives from now on. Event loop only. If the connection has already
     * ended, {@code next} is told so at once.
     */
    void listen(Listener next) {
        listener = requireNonNull(next, "next");
        if (ended) {
            next.onClosed(closeReason);
        }
    }

    /** Encodes and writes {@code frame}; a failed write ends the connection. Any thread. */
    ChannelFuture send(Frame frame) {
        return send(encode(encoding, frame));
    }

    /** Writes a frame encoded by {@link #encode}. Any thread. */
    ChannelFuture send(Encoded encoded) {
        WebSocketFrame wire = encoded.text() != null
                ? new TextWebSocketFrame(encoded.text())
                : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(encoded.bytes()));
        return channel.writeAndFlush(wire).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    /** A frame in its wire form, ready to write from any thread. */
    record Encoded(byte[] bytes, String text) {}

    /**
     * Encodes {@code frame} for {@code encoding}. Thread-safe; callers do this before they hop to
     * the event loop.
     *
     * @throws IllegalArgumentException if the encoded frame is over the 16 MiB cap
     */
    static Encoded encode(WireEncoding encoding, Frame frame) {
        if (encoding == WireEncoding.JSON) {
            String text = JsonCodec.INSTANCE.encode(frame);
            // A UTF-8 encoding is at least as long as the number of chars; check the exact size only if close.
            if (text.length() > Frame.MAX_ENCODED_BYTES / 3
                    && text.getBytes(StandardCharsets.UTF_8).length > Frame.MAX_ENCODED_BYTES) {
                throw tooLarge(frame);
            }
            return new Encoded(null, text);
        }
        byte[] bytes = BINCODE.encode(frame);
        if (bytes.length > Frame.MAX_ENCODED_BYTES) {
            throw tooLarge(frame);
        }
        return new Encoded(bytes, null);
    }

    private static IllegalArgumentException tooLarge(Frame frame) {
        return new IllegalArgumentException(
                "a " + frame.kind().jsonName() + " frame over the 16 MiB cap cannot be sent");
    }

    /**
     * Ends the connection: a WebSocket Close (1000) if it is still open, then the socket.
     * {@code reason} is what the listener hears unless something else ended it first. Any thread.
     */
    void close(String reason) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> close(reason));
            return;
        }
        if (closeReason == null) {
            closeReason = reason;
        }
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    /** Cuts the socket at once, without a WebSocket Close. Any thread. */
    void abort(String reason) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> abort(reason));
            return;
        }
        if (closeReason == null) {
            closeReason = reason;
        }
        channel.close();
    }

    private void onMessage(WireEncoding opcode, WebSocketFrame message) {
        if (opcode != encoding) {
            LOG.warn("skipped a {} message on a {} connection to {}", opcode, encoding, url);
            return;
        }
        Frame frame;
        try {
            frame = opcode == WireEncoding.BINCODE
                    ? BINCODE.decode(ByteBufUtil.getBytes(message.content())).frame()
                    : JsonCodec.INSTANCE.decode(message.content().toString(StandardCharsets.UTF_8));
        } catch (DecodeException e) {
            LOG.warn("skipped an undecodable frame of {} bytes from {}: {}",
                    message.content().readableBytes(), url, e.getMessage());
            return;
        }
        listener.onFrame(frame);
    }

    /** Reads the upgraded connection; the base class releases every message after it. */
    private final class Inbound extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame message) {
            if (ended) {
                return;
            }
            if (message instanceof BinaryWebSocketFrame) {
                onMessage(WireEncoding.BINCODE, message);
            } else if (message instanceof TextWebSocketFrame) {
                onMessage(WireEncoding.JSON, message);
            } else if (message instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(message.content().retain()));
            } else if (message instanceof CloseWebSocketFrame close) {
                if (closeReason == null) {
                    closeReason = "the server closed the connection (close code " + close.statusCode() + ")";
                }
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            // WebSocket pongs mean nothing here: liveness is the protocol's own ping.
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ended = true;
            if (closeReason == null) {
                closeReason = "the connection was lost";
            }
            listener.onClosed(closeReason);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (closeReason == null) {
                closeReason = "the connection failed: " + TransportFailures.describe(cause);
            }
            LOG.debug("connection to {} failed", url, cause);
            ctx.close();
        }
    }

    /** The JSON codec, built on first use: its mapper costs a bincode-only one-shot verb a tenth of its start. */
    private static final class JsonCodec {
        static final JsonFrameCodec INSTANCE = new JsonFrameCodec();
    }
}
