package conclave.client;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * The threads client connections run on: Netty event loops (native epoll where available, NIO
 * elsewhere), the TLS settings for {@code wss://}, and a small pool that resolves host names so a
 * slow DNS server never blocks an event loop. Create one per process, share it between links,
 * and close it after them.
 *
 * <p>TLS uses the JDK's default trust store, sends SNI and verifies the host name (RFC 2818
 * rules, as for HTTPS). It is set up at the first {@code wss://} dial: loading the trust store
 * and the JDK's TLS stack costs a short CLI verb against a {@code ws://} server a large share of
 * its start. Thread-safe.
 */
public final class ClientTransport implements AutoCloseable {
    /** Resolution threads; each resolves one name at a time and lingers briefly when idle. */
    private static final int RESOLVER_THREADS = 2;

    private final EventLoopGroup loops;
    private final Class<? extends Channel> channelType;
    private final Supplier<SslContext> tlsSetup;
    private final ExecutorService resolver;
    /** Set up by the first {@link #tls()} call. */
    private volatile SslContext tls;

    private ClientTransport(
            EventLoopGroup loops, Class<? extends Channel> channelType, Supplier<SslContext> tlsSetup,
            ExecutorService resolver) {
        this.loops = loops;
        this.channelType = channelType;
        this.tlsSetup = tlsSetup;
        this.resolver = resolver;
    }

    /** One event-loop thread: plenty for the CLI and for a bridge's handful of links. */
    public static ClientTransport start() {
        return start(1, ClientTransport::defaultTls);
    }

    /** {@code threads} event loops and the given TLS settings (tests trust their own CA). */
    static ClientTransport start(int threads, SslContext tls) {
        return start(threads, () -> tls);
    }

    private static ClientTransport start(int threads, Supplier<SslContext> tlsSetup) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(
                threads, new DefaultThreadFactory("conclave-client", true), handlers);
        ThreadPoolExecutor resolver = new ThreadPoolExecutor(
                RESOLVER_THREADS, RESOLVER_THREADS, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024),
                new DefaultThreadFactory("conclave-resolver", true));
        resolver.allowCoreThreadTimeOut(true);
        return new ClientTransport(
                loops, epoll ? EpollSocketChannel.class : NioSocketChannel.class, tlsSetup, resolver);
    }

    /** TLS with the JDK's trust store and HTTPS host-name verification. */
    static SslContext defaultTls() {
        try {
            return SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
        } catch (SSLException e) {
            throw new IllegalStateException("this JDK cannot set up a TLS client", e);
        }
    }

    /** An event loop for one link or session; its connections and timers all run there. */
    EventLoop nextLoop() {
        return loops.next();
    }

    Class<? extends Channel> channelType() {
        return channelType;
    }

    /** The TLS settings, set up on first use. */
    SslContext tls() {
        SslContext ready = tls;
        if (ready == null) {
            synchronized (this) {
                ready = tls;
                if (ready == null) {
                    ready = tlsSetup.get();
                    tls = ready;
                }
            }
        }
        return ready;
    }

    ExecutorService resolver() {
        return resolver;
    }

    /**
     * Stops the event loops (open connections are cut) and the resolver, waiting up to a few
     * seconds. Must not be called from one of its own event loops.
     */
    @Override
    public void close() {
        resolver.shutdownNow();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
