package conclave.server.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens conclave sessions for the load generator: a Netty client whose few event-loop threads
 * carry every connection (never a thread per connection), with Netty's own WebSocket client
 * handshake and a {@link LoadConnection} on top. Thread-safe.
 */
final class LoadClient implements AutoCloseable {
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** Generous: a server that has just started, on a loaded two-core machine, answers its first logins slowly. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final URI uri;

    LoadClient(String name, int threads, InetSocketAddress server) {
        this(name, threads, server, 0);
    }

    /**
     * As above, with each socket's receive buffer set to {@code receiveBufferBytes} before it
     * connects (0: the system default), so a connection that stops reading stalls the server soon.
     */
    LoadClient(String name, int threads, InetSocketAddress server, int receiveBufferBytes) {
        boolean epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.uri = URI.create("ws://" + server.getHostString() + ":" + server.getPort() + "/");
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) DEADLINE.toMillis())
                .remoteAddress(server);
        if (receiveBufferBytes > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, receiveBufferBytes);
        }
    }

    /** Connects, upgrades and logs in as {@code handle}; registers the identity first if asked. */
    CompletableFuture<LoadConnection> connect(LoadConnection.Identity identity, String handle, boolean register) {
        LoadConnection connection = new LoadConnection(identity, handle, register);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .maxFramePayloadLength(MAX_MESSAGE_BYTES)
                .handshakeTimeoutMillis(DEADLINE.toMillis())
                .dropPongFrames(true)
                .build();
        bootstrap.clone()
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(64 * 1024))
                                .addLast(new WebSocketClientProtocolHandler(config))
                                .addLast(connection);
                    }
                })
                .connect()
                .addListener(done -> {
                    if (!done.isSuccess()) {
                        connection.established().completeExceptionally(done.cause());
                    }
                });
        return connection.established();
    }

    /**
     * Logs in one session per handle, at most {@code concurrency} handshakes at a time, and
     * returns them in handle order.
     *
     * @throws IOException if any handshake fails or the whole batch outlives a generous deadline
     */
    List<LoadConnection> connectAll(LoadConnection.Identity identity, List<String> handles, int concurrency)
            throws IOException, InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        List<CompletableFuture<LoadConnection>> pending = new ArrayList<>(handles.size());
        for (String handle : handles) {
            if (!slots.tryAcquire(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("no handshake finished within " + DEADLINE + " while opening " + handle);
            }
            pending.add(connect(identity, handle, false).whenComplete((ok, failed) -> slots.release()));
        }
        List<LoadConnection> connections = new ArrayList<>(handles.size());
        for (CompletableFuture<LoadConnection> future : pending) {
            connections.add(await(future));
        }
        return connections;
    }

    /** Waits for {@code future} up to the client deadline, turning failure into an IOException. */
    static <T> T await(CompletableFuture<T> future) throws IOException, InterruptedException {
        try {
            return future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw new IOException(failed.getCause().getMessage(), failed.getCause());
        } catch (TimeoutException slow) {
            throw new IOException("no answer within " + DEADLINE, slow);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
