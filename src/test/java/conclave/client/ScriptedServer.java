package conclave.client;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.BincodeCodec;
import conclave.protocol.Bytes;
import conclave.protocol.DecodeException;
import conclave.protocol.Frame;
import conclave.protocol.JsonFrameCodec;
import conclave.protocol.SessionPath;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket server for fault tests, whose behaviour the test scripts: it records every frame
 * it receives, performs the handshake for any key (unless told to refuse), answers pings unless
 * told not to, and otherwise answers only what the test sends through a {@link Peer}. It can
 * also drop a connection on the spot. Not a conclave server: no store, no authorisation.
 *
 * <p>Like a real server it answers in order: a ping's pong waits behind every earlier request
 * the test has not yet {@linkplain Peer#reply answered}.
 */
final class ScriptedServer implements AutoCloseable {
    static final String SERVER_ID = "scripted-server-id-0123456789abc";
    private static final BincodeCodec BINCODE = new BincodeCodec();
    private static final JsonFrameCodec JSON = new JsonFrameCodec();

    /** A frame one connection sent. */
    record Received(Peer peer, Frame frame) {}

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Peer> peers = new LinkedBlockingQueue<>();
    private final Channel listener;
    private boolean closed;
    volatile boolean answerPings = true;
    volatile Frame.Error refuseAuthWith;
    volatile List<String> lastServerNames = List.of();

    private ScriptedServer(SslContext tls, int port) {
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            // Serves every name with the one context and notes the name the client asked for.
                            channel.pipeline().addLast(new SniHandler(hostname -> {
                                lastServerNames = hostname == null ? List.of() : List.of(hostname);
                                return tls;
                            }));
                        }
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new Upgrade(tls != null));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port))
                .syncUninterruptibly()
                .channel();
    }

    static ScriptedServer start() {
        return new ScriptedServer(null, 0);
    }

    static ScriptedServer startTls(SslContext tls) {
        return new ScriptedServer(tls, 0);
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    ServerUrl url() {
        return ServerUrl.parse("ws://127.0.0.1:" + port() + "/");
    }

    /** The next frame any connection sent. */
    Received next() throws InterruptedException {
        Received next = received.poll(Awaits.LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(next).as("a frame at the scripted server within %s", Awaits.LIMIT).isNotNull();
        return next;
    }

    /** The next frame of {@code type}, skipping handshake frames and keepalive pings. */
    <T extends Frame> Received next(Class<T> type) throws InterruptedException {
        while (true) {
            Received next = next();
            if (type.isInstance(next.frame())) {
                return next;
            }
            assertThat(next.frame()).as("only handshake frames or pings before a %s", type.getSimpleName())
                    .isInstanceOfAny(Frame.Hello.class, Frame.Auth.class, Frame.Register.class, Frame.Ping.class);
        }
    }

    /** The next connection that completed the WebSocket upgrade. */
    Peer nextPeer() throws InterruptedException {
        Peer peer = peers.poll(Awaits.LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(peer).as("a connection within %s", Awaits.LIMIT).isNotNull();
        return peer;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One upgraded connection. */
    final class Peer {
        private final Channel channel;
        private volatile boolean json;
        /** Replies owed, oldest first: true for a pong the server sends itself. Event loop only. */
        private final ArrayDeque<Boolean> owed = new ArrayDeque<>();

        Peer(Channel channel) {
            this.channel = channel;
        }

        /** Answers the oldest request the test owes a reply, then any pongs queued behind it. */
        void reply(Frame frame) {
            channel.eventLoop().submit(() -> {
                assertThat(owed.peekFirst()).as("a request waiting for the test's reply").isFalse();
                owed.removeFirst();
                send(frame);
                while (Boolean.TRUE.equals(owed.peekFirst())) {
                    owed.removeFirst();
                    send(new Frame.Pong());
                }
            }).syncUninterruptibly();
        }

        /** Sends {@code frame} now, out of band: for pushed traffic and misbehaviour. */
        void send(Frame frame) {
            WebSocketFrame wire = json
                    ? new TextWebSocketFrame(JSON.encode(frame))
                    : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(BINCODE.encode(frame)));
            var written = channel.writeAndFlush(wire);
            if (!channel.eventLoop().inEventLoop()) {
                written.syncUninterruptibly();
            }
        }

        /** Cuts the TCP connection without a WebSocket Close. */
        void drop() {
            var closed = channel.close();
            if (!channel.eventLoop().inEventLoop()) {
                closed.syncUninterruptibly();
            }
        }

        boolean isOpen() {
            return channel.isActive();
        }
    }

    private final class Upgrade extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final boolean secure;

        Upgrade(boolean secure) {
            this.secure = secure;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // e.g. the client refusing our certificate: what the tests provoke
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String location = (secure ? "wss://" : "ws://") + request.headers().get("Host") + request.uri();
            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(location, null, false)
                    .newHandshaker(request);
            Peer peer = new Peer(ctx.channel());
            ctx.pipeline().addLast(new WebSocketFrameAggregator(16 * 1024 * 1024), new PeerHandler(peer));
            ctx.pipeline().remove(this);
            handshaker.handshake(ctx.channel(), request,
                    new DefaultHttpHeaders().set(WebSocketDialer.SERVER_ID_HEADER, SERVER_ID), ctx.newPromise());
            peers.add(peer);
        }
    }

    private final class PeerHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final Peer peer;
        private String handle;

        PeerHandler(Peer peer) {
            this.peer = peer;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame message) throws DecodeException {
            Frame frame;
            if (message instanceof BinaryWebSocketFrame) {
                frame = BINCODE.decode(ByteBufUtil.getBytes(message.content())).frame();
            } else if (message instanceof TextWebSocketFrame) {
                peer.json = true;
                frame = JSON.decode(message.content().toString(StandardCharsets.UTF_8));
            } else {
                if (message instanceof CloseWebSocketFrame) {
                    ctx.close();
                }
                return;
            }
            received.add(new Received(peer, frame));
            if (frame instanceof Frame.Hello hello) {
                handle = hello.session();
                byte[] nonce = new byte[32];
                new SecureRandom().nextBytes(nonce);
                peer.send(new Frame.Challenge(Bytes.of(nonce)));
            } else if (frame instanceof Frame.Auth) {
                Frame.Error refusal = refuseAuthWith;
                if (refusal != null) {
                    peer.send(refusal);
                    ctx.close();
                } else {
                    peer.send(new Frame.Established(new SessionPath("tester", "box", handle)));
                    peer.send(new Frame.ServerInfo(false));
                }
            } else if (frame instanceof Frame.Ping) {
                if (!answerPings) {
                    return;
                }
                if (peer.owed.isEmpty()) {
                    peer.send(new Frame.Pong());
                } else {
                    peer.owed.addLast(true);
                }
            } else if (!(frame instanceof Frame.Register)) {
                peer.owed.addLast(false);
            }
        }
    }
}
