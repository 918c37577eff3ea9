package conclave.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The listening socket and its event loops: native epoll where available, NIO elsewhere. Each
 * accepted connection gets a deadline to upgrade by, the HTTP codec, a small aggregator and
 * {@link HttpRoutes}; the upgrade then swaps in the WebSocket pipeline. Start once, close once.
 */
final class ServerTransport implements AutoCloseable {
    /** HTTP requests we accept are tiny: a health probe or an upgrade. */
    private static final int MAX_HTTP_REQUEST_BYTES = 64 * 1024;
    /** How long a drain waits for peers to see their Close before connections are cut. */
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(2);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    /** Every accepted connection still open; Netty removes closed ones itself. */
    private final ChannelGroup connections;

    private ServerTransport(EventLoopGroup boss, EventLoopGroup workers, Channel listener, ChannelGroup connections) {
        this.boss = boss;
        this.workers = workers;
        this.listener = listener;
        this.connections = connections;
    }

    /**
     * Binds {@code address} and starts accepting; a connection not upgraded within
     * {@code upgradeDeadline} is closed. {@code metrics}, if given, is served on {@code /metrics}.
     *
     * @throws java.io.UncheckedIOException wrapping the bind failure
     */
    static ServerTransport bind(
            InetSocketAddress address, String serverId, ConnectionLimiter limiter, Duration upgradeDeadline,
            Optional<ServerMetrics> metrics, Supplier<? extends ChannelHandler> sessions) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory ioHandlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, ioHandlers);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(ioHandlers);
        HttpRoutes routes = new HttpRoutes(new WebSocketUpgrade(serverId, sessions), limiter, metrics);
        ChannelGroup connections = new DefaultChannelGroup("conclave-connections", GlobalEventExecutor.INSTANCE);
        try {
            Channel listener = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            connections.add(channel);
                            channel.pipeline()
                                    .addLast("http-deadline", new HttpDeadline(upgradeDeadline))
                                    .addLast("http-codec", new HttpServerCodec())
                                    .addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES))
                                    .addLast("http-routes", routes);
                        }
                    })
                    .bind(address)
                    .syncUninterruptibly()
                    .channel();
            return new ServerTransport(boss, workers, listener, connections);
        } catch (Exception bindFailure) { // Netty rethrows the checked BindException unchecked
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            if (bindFailure instanceof IOException io) {
                throw new UncheckedIOException(
                        "failed to bind `" + address.getHostString() + ":" + address.getPort() + "`: " + io.getMessage(), io);
            }
            throw (RuntimeException) bindFailure;
        }
    }

    /** The address actually bound (the real port when 0 was asked for). */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** TCP connections open right now, upgraded or not. */
    int openConnections() {
        return connections.size();
    }

    /** Stops accepting new connections; established ones stay up. */
    void stopAccepting() {
        listener.close().awaitUninterruptibly();
    }

    /**
     * Stops accepting, says goodbye to every WebSocket with a Close (1001 going away) after what
     * is already queued, and waits up to {@code DRAIN_DEADLINE} for the connections to close.
     */
    void drain() {
        stopAccepting();
        for (Channel connection : connections) {
            if (connection.pipeline().get(WebSocketUpgrade.SESSION_HANDLER) != null) {
                connection.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                connection.close();
            }
        }
        connections.newCloseFuture().awaitUninterruptibly(DRAIN_DEADLINE.toMillis());
    }

    @Override
    public void close() {
        stopAccepting();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
