package conclave.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Dials a server and upgrades to a WebSocket, within one deadline for the whole of it (name
 * resolution, TCP connect, TLS and the HTTP upgrade).
 *
 * <p>The pipeline, in order: TLS for {@code wss://} (SNI, host-name verification) → HTTP client
 * codec → aggregator for the upgrade response → {@link Upgrade}. Once the server answers
 * {@code 101}, Netty's handshaker swaps the HTTP codec for the WebSocket one (16 MiB frame cap,
 * no extensions, masked frames), and {@code Upgrade} replaces itself with a message aggregator
 * (16 MiB) and the {@link WebSocketConnection}'s reader. Stateless.
 */
final class WebSocketDialer {
    /** The response header that names the server instance (PROTOCOL.md §1). */
    static final String SERVER_ID_HEADER = "x-conclave-server-id";
    /** The response header that offers protocol extensions (PROTOCOL.md, "Extensions"). */
    static final String FEATURES_HEADER = "x-conclave-features";
    /** The cap on one WebSocket message and one WebSocket frame, as on the server. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** An upgrade response is headers only; anything bigger is not a conclave server. */
    private static final int MAX_UPGRADE_RESPONSE_BYTES = 64 * 1024;

    private WebSocketDialer() {}

    /**
     * Starts dialling {@code url}. The future completes on {@code loop} with an open connection
     * whose listener still ignores everything, or fails with a {@link DialException}; it always
     * completes within {@code limit}.
     */
    static CompletableFuture<WebSocketConnection> dial(
            ClientTransport transport, EventLoop loop, ServerUrl url, WireEncoding encoding, Duration limit) {
        CompletableFuture<WebSocketConnection> result = new CompletableFuture<>();
        var deadline = loop.schedule(
                () -> result.completeExceptionally(DialException.timedOut(url, limit)),
                limit.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((connection, failure) -> deadline.cancel(false));
        CompletableFuture<InetAddress> address;
        try {
            address = CompletableFuture.supplyAsync(() -> {
                if (url.secure()) {
                    transport.tls(); // set up on first use here, not on the event loop: it reads the trust store
                }
                return resolve(url.host());
            }, transport.resolver());
        } catch (RejectedExecutionException busy) {
            result.completeExceptionally(DialException.failed(url, "too many connections are being opened", busy));
            return result;
        }
        address.whenCompleteAsync((resolved, failure) -> {
            if (result.isDone()) {
                return;
            }
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                result.completeExceptionally(DialException.failed(url, TransportFailures.describe(cause), cause));
                return;
            }
            connect(transport, loop, url, encoding, limit, new InetSocketAddress(resolved, url.port()), result);
        }, loop);
        return result;
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CompletionException(e);
        }
    }

    private static void connect(
            ClientTransport transport, EventLoop loop, ServerUrl url, WireEncoding encoding, Duration limit,
            InetSocketAddress address, CompletableFuture<WebSocketConnection> result) {
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                url.uri(), WebSocketVersion.V13, null, false, EmptyHttpHeaders.INSTANCE, MAX_MESSAGE_BYTES,
                true, false, 10_000L, false, false);
        ChannelFuture connected = new Bootstrap()
                .group(loop)
                .channel(transport.channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, limit.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (url.secure()) {
                            pipeline.addLast("tls", tls(transport, channel, url));
                        }
                        pipeline.addLast("http-codec", new HttpClientCodec());
                        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_UPGRADE_RESPONSE_BYTES));
                        pipeline.addLast("upgrade", new Upgrade(handshaker, url, encoding, result));
                    }
                })
                .connect(address);
        Channel channel = connected.channel();
        connected.addListener(done -> {
            if (!done.isSuccess()) {
                Throwable cause = done.cause();
                result.completeExceptionally(cause instanceof io.netty.channel.ConnectTimeoutException
                        ? DialException.timedOut(url, limit)
                        : DialException.failed(url, TransportFailures.describe(cause), cause));
            }
        });
        // However the dial fails (deadline, refusal, bad upgrade), the socket goes with it.
        result.whenComplete((connection, failure) -> {
            if (failure != null) {
                channel.close();
            }
        });
    }

    /**
     * TLS for {@code url}: the transport's settings, the host for verification, and SNI for every
     * host name; the JDK alone sends no SNI for names without a dot, such as intranet hosts.
     */
    private static SslHandler tls(ClientTransport transport, Channel channel, ServerUrl url) {
        SslHandler handler = transport.tls().newHandler(channel.alloc(), url.host(), url.port());
        if (!NetUtil.isValidIpV4Address(url.host()) && !NetUtil.isValidIpV6Address(url.host())) {
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            try {
                parameters.setServerNames(List.of(new SNIHostName(url.host())));
                engine.setSSLParameters(parameters);
            } catch (IllegalArgumentException notAnSniName) {
                // Left to the JDK's default; verification of the name still applies.
            }
        }
        return handler;
    }

    /** Performs the HTTP upgrade, then hands the channel to a {@link WebSocketConnection}. */
    private static final class Upgrade extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final WebSocketClientHandshaker handshaker;
        private final ServerUrl url;
        private final WireEncoding encoding;
        private final CompletableFuture<WebSocketConnection> result;

        Upgrade(WebSocketClientHandshaker handshaker, ServerUrl url, WireEncoding encoding,
                CompletableFuture<WebSocketConnection> result) {
            this.handshaker = handshaker;
            this.url = url;
            this.encoding = encoding;
            this.result = result;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel()).addListener(sent -> {
                if (!sent.isSuccess()) {
                    fail(sent.cause());
                }
            });
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            try {
                handshaker.finishHandshake(ctx.channel(), response);
            } catch (RuntimeException refused) { // WebSocketClientHandshakeException and friends
                fail(refused);
                return;
            }
            Optional<String> serverId = Optional.ofNullable(response.headers().get(SERVER_ID_HEADER));
            WebSocketConnection connection = new WebSocketConnection(
                    ctx.channel(), url, encoding, serverId, features(response.headers().get(FEATURES_HEADER)));
            ctx.pipeline().addLast("ws-aggregator", new WebSocketFrameAggregator(MAX_MESSAGE_BYTES));
            ctx.pipeline().addLast("ws-connection", connection.inbound());
            ctx.pipeline().remove(this);
            if (!result.complete(connection)) {
                ctx.close(); // the deadline passed while the answer was on its way
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(DialException.failed(
                    url, "the connection closed during the WebSocket upgrade", null));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
            ctx.close();
        }

        private void fail(Throwable cause) {
            result.completeExceptionally(DialException.failed(url, TransportFailures.describe(cause), cause));
        }
    }

    /** The comma-separated feature names of {@code x-conclave-features}; empty when it is absent. */
    static List<String> features(String header) {
        if (header == null) {
            return List.of();
        }
        return Arrays.stream(header.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }
}
