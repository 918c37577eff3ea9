package conclave.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics} on its own address ({@code --metrics-bind}), apart from the client port:
 * one event loop, the same HTTP codec and per-connection deadline as the client port, and nothing
 * but the metrics route. Start once, close once.
 */
final class MetricsEndpoint implements AutoCloseable {
    /** A scrape takes milliseconds; a connection still open after this is closed, even a keep-alive one. */
    private static final Duration CONNECTION_DEADLINE = Duration.ofSeconds(10);
    private static final int MAX_REQUEST_BYTES = 8 * 1024;

    private final EventLoopGroup loop;
    private final Channel listener;

    private MetricsEndpoint(EventLoopGroup loop, Channel listener) {
        this.loop = loop;
        this.listener = listener;
    }

    /**
     * Binds {@code address} and starts serving.
     *
     * @throws UncheckedIOException naming the address if it cannot be bound
     */
    static MetricsEndpoint bind(InetSocketAddress address, ServerMetrics metrics) {
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Route route = new Route(metrics);
        try {
            Channel listener = new ServerBootstrap()
                    .group(loop)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast("deadline", new HttpDeadline(CONNECTION_DEADLINE))
                                    .addLast("http-codec", new HttpServerCodec())
                                    .addLast("http-aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                    .addLast("metrics", route);
                        }
                    })
                    .bind(address)
                    .syncUninterruptibly()
                    .channel();
            return new MetricsEndpoint(loop, listener);
        } catch (Exception bindFailure) { // Netty rethrows the checked BindException unchecked
            loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            if (bindFailure instanceof IOException io) {
                throw new UncheckedIOException("failed to bind metrics address `" + address.getHostString() + ":"
                        + address.getPort() + "`: " + io.getMessage(), io);
            }
            throw (RuntimeException) bindFailure;
        }
    }

    /**
     * Answers {@code GET} or {@code HEAD} with the scrape, any other method with 405; shared by
     * this endpoint and the client port's {@link HttpRoutes}.
     */
    static void answer(ChannelHandlerContext ctx, FullHttpRequest request, ServerMetrics metrics) {
        if (request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD)) {
            HttpRoutes.respond(ctx, request, HttpResponseStatus.OK, ServerMetrics.CONTENT_TYPE, metrics.scrape());
        } else {
            HttpRoutes.respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
        }
    }

    /** The address actually bound. */
    InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** {@code /metrics} and nothing else. Stateless: {@code @Sharable}. */
    @ChannelHandler.Sharable
    private static final class Route extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ServerMetrics metrics;

        Route(ServerMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (!request.decoderResult().isSuccess()) {
                HttpRoutes.respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "bad request");
            } else if (HttpRoutes.pathOf(request.uri()).equals("/metrics")) {
                answer(ctx, request, metrics);
            } else {
                HttpRoutes.respond(ctx, request, HttpResponseStatus.NOT_FOUND, "not found");
            }
        }
    }
}
