package conclave.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.function.Supplier;

/**
 * Upgrades {@code GET /} to a WebSocket: stamps {@code x-conclave-server-id} and
 * {@code x-conclave-features} on the 101, caps
 * messages and frames at 16 MiB, refuses extensions, then swaps the HTTP routes for the
 * WebSocket pipeline. Thread-safe.
 */
final class WebSocketUpgrade {
    /** The header that lets a client recognise one server reached under two URLs. */
    static final String SERVER_ID_HEADER = "x-conclave-server-id";
    /** The cap on one WebSocket message and one WebSocket frame. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** The header that offers the negotiated extensions (PROTOCOL.md, "Extensions"). */
    static final String FEATURES_HEADER = "x-conclave-features";
    /** The pipeline name of the per-connection session handler, present once upgraded. */
    static final String SESSION_HANDLER = "ws-session";

    private final String serverId;
    private final Supplier<? extends ChannelHandler> sessions;

    WebSocketUpgrade(String serverId, Supplier<? extends ChannelHandler> sessions) {
        this.serverId = serverId;
        this.sessions = sessions;
    }

    void handshake(ChannelHandlerContext ctx, FullHttpRequest request) {
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(MAX_MESSAGE_BYTES)
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .build();
        String location = "ws://" + request.headers().get("Host", "localhost") + "/";
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(location, null, decoder).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        HttpHeaders headers = new DefaultHttpHeaders()
                .set(SERVER_ID_HEADER, serverId)
                .set(FEATURES_HEADER, String.join(", ", Extensions.SUPPORTED));
        // The WebSocket handlers go in before the 101 is written, so no frame can overtake them.
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(MAX_MESSAGE_BYTES));
        pipeline.addLast(SESSION_HANDLER, sessions.get());
        pipeline.remove(HttpRoutes.class);
        pipeline.remove(HttpDeadline.class);
        handshaker.handshake(ctx.channel(), request, headers, ctx.newPromise()).addListener(done -> {
            if (!done.isSuccess()) {
                ctx.close();
            }
        });
    }
}
