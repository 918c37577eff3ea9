package conclave.ui;

import conclave.identity.Tokens;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The console's web server: HTTP on 127.0.0.1 only, one random access token per start (24 random
 * bytes, {@link Tokens}), the page and API of {@link UiHttpHandler}. Close it to stop listening.
 */
public final class UiServer implements AutoCloseable {
    /** The largest request body the page sends: a message plus its envelope. */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;
    /** A request that does not arrive whole in this time is cut off. */
    static final int REQUEST_TIMEOUT_SECONDS = 30;

    private final EventLoopGroup loops;
    private final Channel listener;
    private final String token;

    private UiServer(EventLoopGroup loops, Channel listener, String token) {
        this.loops = loops;
        this.listener = listener;
        this.token = token;
    }

    /**
     * Listens on {@code 127.0.0.1:port} ({@code 0}: any free port) and serves {@code console}.
     *
     * @throws IllegalStateException naming the address when it cannot be bound
     */
    public static UiServer start(int port, UiConsole console) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port: " + port + " (expected: 0..65535)");
        }
        String token = Tokens.generate();
        UiAssets assets = UiAssets.load();
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("conclave-ui", true), NioIoHandler.newFactory());
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .childHandler(new Pipeline(token, assets, console));
        try {
            Channel listener = bootstrap.bind(address).syncUninterruptibly().channel();
            return new UiServer(loops, listener, token);
        } catch (Exception e) { // Netty rethrows the bind's checked exception undeclared
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The address to open: it carries the token once, the page then keeps it in a cookie. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/?token=" + token;
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Each connection: HTTP with a request deadline, then the console's routes. */
    private static final class Pipeline extends ChannelInitializer<SocketChannel> {
        private final UiHttpHandler routes;

        Pipeline(String token, UiAssets assets, UiConsole console) {
            this.routes = new UiHttpHandler(new UiGuard(token), assets, console);
        }

        @Override
        protected void initChannel(SocketChannel channel) {
            channel.pipeline()
                    .addLast(new ReadTimeoutHandler(REQUEST_TIMEOUT_SECONDS))
                    .addLast(new HttpServerCodec())
                    .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                    .addLast(routes)
                    .addLast(new Quiet());
        }
    }

    /** Ends a connection that fails (a reset, a timeout) without a stack trace in the log. */
    private static final class Quiet extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
