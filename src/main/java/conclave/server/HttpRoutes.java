package conclave.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The HTTP surface before a connection becomes a WebSocket: {@code /health}, {@code /metrics}
 * (unless served on its own address), the upgrade on
 * {@code /} (or 503 when the {@link ConnectionLimiter} refuses it), and the 404/405/426 answers
 * for everything else. Holds no per-connection state: {@code @Sharable}.
 */
@ChannelHandler.Sharable
final class HttpRoutes extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final WebSocketUpgrade upgrade;
    private final ConnectionLimiter limiter;
    /** Empty when {@code /metrics} lives on its own address. */
    private final Optional<ServerMetrics> metrics;

    HttpRoutes(WebSocketUpgrade upgrade, ConnectionLimiter limiter, Optional<ServerMetrics> metrics) {
        this.upgrade = upgrade;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "bad request");
            return;
        }
        String path = pathOf(request.uri());
        HttpMethod method = request.method();
        switch (path) {
            case "/health":
                if (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)) {
                    respond(ctx, request, HttpResponseStatus.OK, "ok");
                } else {
                    respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
                }
                return;
            case "/metrics":
                if (metrics.isPresent()) {
                    MetricsEndpoint.answer(ctx, request, metrics.get());
                } else {
                    respond(ctx, request, HttpResponseStatus.NOT_FOUND, "not found");
                }
                return;
            case "/":
                if (!method.equals(HttpMethod.GET)) {
                    respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
                } else if (!isWebSocketUpgrade(request)) {
                    respond(ctx, request, HttpResponseStatus.UPGRADE_REQUIRED, "websocket upgrade required");
                } else {
                    upgradeIfAdmitted(ctx, request);
                }
                return;
            default:
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, "not found");
        }
    }

    private void upgradeIfAdmitted(ChannelHandlerContext ctx, FullHttpRequest request) {
        InetAddress peer = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        Optional<ConnectionLimiter.Admission> admission = limiter.admit(peer);
        if (admission.isEmpty()) {
            respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "server busy: connection limit reached");
            return;
        }
        ctx.channel().closeFuture().addListener(closed -> admission.get().closed());
        ctx.channel().attr(ConnectionLimiter.Admission.KEY).set(admission.get());
        upgrade.handshake(ctx, request);
    }

    /** The request path without its query string: the query is ignored on every route. */
    static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static boolean isWebSocketUpgrade(FullHttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    static void respond(
            ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String body) {
        respond(ctx, request, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers with {@code body}; closes the connection after an error or when the client did not ask for keep-alive. */
    static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
            String contentType, byte[] body) {
        ByteBuf content = request.method().equals(HttpMethod.HEAD)
                ? Unpooled.EMPTY_BUFFER
                : Unpooled.wrappedBuffer(body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        boolean keepAlive = HttpUtil.isKeepAlive(request) && status.code() < 400;
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
