package conclave.ui;

import static java.nio.charset.StandardCharsets.UTF_8;

import conclave.client.ClientException;
import conclave.client.ReplyTimeoutException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's HTTP surface, behind the {@link UiGuard} rules in this order: {@code Host} (421),
 * token (401; {@code ?token=} sets the cookie and redirects to the bare path), then {@code Origin}
 * for {@code POST /api/<op>} and the {@code /live} WebSocket (403). Serves the page's files, the
 * {@link UiApi} operations and the live socket. Never logs a request line: it may hold the token.
 * Holds no per-connection state: {@code @Sharable}.
 */
@ChannelHandler.Sharable
final class UiHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** The page runs only its own files; bodies are rendered by sanitized Markdown, never as markup of their own. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none';"
            + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** How long a browser may keep the cookie: the console's token changes at every start anyway. */
    private static final long COOKIE_MAX_AGE_SECONDS = 7 * 24 * 3600;
    private static final int MAX_LIVE_FRAME = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UiGuard guard;
    private final UiAssets assets;
    private final UiApi api;
    private final UiConsole console;

    UiHttpHandler(UiGuard guard, UiAssets assets, UiConsole console) {
        this.guard = guard;
        this.assets = assets;
        this.api = new UiApi(console);
        this.console = console;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "bad request");
            return;
        }
        int port = ((InetSocketAddress) ctx.channel().localAddress()).getPort();
        Optional<UiGuard.Refusal> refusal = guard.checkHost(request, port);
        if (refusal.isPresent()) {
            refuse(ctx, request, refusal.get());
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        Optional<String> queryToken = UiGuard.queryToken(request);
        if (queryToken.isPresent()) {
            if (request.method().equals(HttpMethod.GET) && guard.isToken(queryToken.get())) {
                admit(ctx, request, queryToken.get(), path);
            } else {
                respond(ctx, request, HttpResponseStatus.UNAUTHORIZED, "missing or wrong access token: open the URL `conclave ui` printed");
            }
            return;
        }
        refusal = guard.checkCookie(request);
        if (refusal.isPresent()) {
            refuse(ctx, request, refusal.get());
            return;
        }
        boolean read = request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD);
        if (path.equals("/live") || !read) {
            refusal = guard.checkOrigin(request, port);
            if (refusal.isPresent()) {
                refuse(ctx, request, refusal.get());
                return;
            }
        }
        if (path.equals("/live")) {
            live(ctx, request);
        } else if (path.startsWith("/api/")) {
            api(ctx, request, path.substring("/api/".length()));
        } else if (!read) {
            respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
        } else {
            Optional<UiAssets.Asset> asset = assets.find(path);
            if (asset.isEmpty()) {
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, "not found");
            } else {
                send(ctx, request, HttpResponseStatus.OK, Unpooled.wrappedBuffer(asset.get().bytes()), asset.get().contentType());
            }
        }
    }

    /** The token was right: keep it in a cookie the page's scripts cannot read, and drop it from the address bar. */
    private static void admit(ChannelHandlerContext ctx, FullHttpRequest request, String token, String path) {
        DefaultCookie cookie = new DefaultCookie(UiGuard.COOKIE, token);
        cookie.setHttpOnly(true);
        cookie.setSameSite(CookieHeaderNames.SameSite.Strict);
        cookie.setPath("/");
        cookie.setMaxAge(COOKIE_MAX_AGE_SECONDS);
        FullHttpResponse response = response(HttpResponseStatus.SEE_OTHER, Unpooled.EMPTY_BUFFER, "text/plain; charset=utf-8");
        response.headers().set(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(cookie));
        response.headers().set(HttpHeaderNames.LOCATION, path);
        write(ctx, request, response);
    }

    private void live(ChannelHandlerContext ctx, FullHttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "ws://" + host + "/live", null, false, MAX_LIVE_FRAME).newHandshaker(request);
        if (handshaker == null) {
            respond(ctx, request, HttpResponseStatus.UPGRADE_REQUIRED, "websocket upgrade required");
            return;
        }
        ctx.pipeline().remove(ReadTimeoutHandler.class); // the live socket stays open while the page does
        ctx.pipeline().replace(this, "live", new LiveSocketHandler(handshaker));
        handshaker.handshake(ctx.channel(), request).addListener(done -> {
            if (done.isSuccess()) {
                console.live().add(ctx.channel(), console.hello());
            }
        });
    }

    private void api(ChannelHandlerContext ctx, FullHttpRequest request, String op) {
        if (!request.method().equals(HttpMethod.POST)) {
            respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
            return;
        }
        if (!UiApi.exists(op)) {
            respond(ctx, request, HttpResponseStatus.NOT_FOUND, "no such operation");
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.content().toString(UTF_8));
            FullHttpRequest kept = request.retain();
            api.call(op, body).whenComplete((reply, failure) -> {
                try {
                    if (failure == null) {
                        json(ctx, kept, HttpResponseStatus.OK, reply);
                    } else {
                        failed(ctx, kept, failure);
                    }
                } finally {
                    kept.release();
                }
            });
        } catch (JacksonException e) {
            json(ctx, request, HttpResponseStatus.BAD_REQUEST, error("the request body is not valid JSON"));
        } catch (UiArguments.BadRequest e) {
            request.release();
            json(ctx, request, HttpResponseStatus.BAD_REQUEST, error(e.getMessage()));
        }
    }

    /** A request that did not get an answer: the link is down (503) or the server was too slow (504). */
    private static void failed(ChannelHandlerContext ctx, FullHttpRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        HttpResponseStatus status = cause instanceof ReplyTimeoutException ? HttpResponseStatus.GATEWAY_TIMEOUT
                : cause instanceof ClientException ? HttpResponseStatus.SERVICE_UNAVAILABLE
                : HttpResponseStatus.INTERNAL_SERVER_ERROR;
        json(ctx, request, status, error(String.valueOf(cause.getMessage())));
    }

    private static ObjectNode error(String message) {
        return UiJson.NODES.objectNode().put("ok", false).put("error", message);
    }

    private static void json(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, ObjectNode body) {
        ByteBuf content = Unpooled.copiedBuffer(JSON.writeValueAsString(body), UTF_8);
        send(ctx, request, status, content, "application/json; charset=utf-8");
    }

    private static void refuse(ChannelHandlerContext ctx, FullHttpRequest request, UiGuard.Refusal refusal) {
        respond(ctx, request, refusal.status(), refusal.reason());
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String text) {
        send(ctx, request, status, Unpooled.copiedBuffer(text + "\n", UTF_8), "text/plain; charset=utf-8");
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, ByteBuf content,
            String contentType) {
        write(ctx, request, response(status, content, contentType));
    }

    private static FullHttpResponse response(HttpResponseStatus status, ByteBuf content, String contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        headers.set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set(HttpHeaderNames.X_FRAME_OPTIONS, "DENY");
        headers.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        return response;
    }

    private static void write(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        if (request.method().equals(HttpMethod.HEAD)) {
            response.content().clear();
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
