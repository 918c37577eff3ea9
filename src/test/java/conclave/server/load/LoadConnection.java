package conclave.server.load;

import conclave.protocol.BincodeCodec;
import conclave.protocol.Bytes;
import conclave.protocol.DecodeException;
import conclave.protocol.Frame;
import conclave.protocol.FrameKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One conclave session driven by the load generator over bincode: after the WebSocket upgrade it
 * runs the handshake (Hello → Challenge → [Register] Auth → Established → ServerInfo), then sends
 * requests whose replies it matches in order, and counts pushed channel messages into its
 * {@link Deliveries.Subscriber}.
 *
 * <p>Messages arrive through a {@link RawFrameReader}, which takes over from Netty's WebSocket
 * decoder once the upgrade is done. Pushed {@code ChannelMsg} frames take a fast path: the first
 * byte names the frame kind (bincode writes a variant index below 251 as one byte) and the stamp
 * is read from the frame's tail (see {@link Stamp}), so the generator does not decode a million
 * frames a second.
 * Everything else is decoded in full.
 *
 * <p>States: upgrading → awaiting challenge → awaiting established → awaiting server info →
 * established → closed. Confined to its channel's event loop, except the methods documented as
 * callable from any thread.
 */
final class LoadConnection extends ChannelInboundHandlerAdapter {
    private static final BincodeCodec BINCODE = new BincodeCodec();
    private static final byte CHANNEL_MSG = (byte) FrameKind.CHANNEL_MSG.index();
    private static final Consumer<Frame> IGNORE = frame -> {};

    /** Who a connection logs in as. */
    record Identity(String user, String machine, LoadSigner key) {}

    private enum Phase { UPGRADING, AWAIT_CHALLENGE, AWAIT_ESTABLISHED, AWAIT_SERVER_INFO, ESTABLISHED, CLOSED }

    private final Identity identity;
    private final String handle;
    private final boolean register;
    private final CompletableFuture<LoadConnection> established = new CompletableFuture<>();
    private final Queue<Consumer<Frame>> replies = new ArrayDeque<>();
    private Phase phase = Phase.UPGRADING;
    private Channel channel;
    private ChannelHandlerContext context;
    private volatile Deliveries.Subscriber subscriber;
    private volatile boolean closing;
    private volatile long acks;
    private volatile long errors;
    private volatile String lastError;

    LoadConnection(Identity identity, String handle, boolean register) {
        this.identity = identity;
        this.handle = handle;
        this.register = register;
    }

    /** Completes once ServerInfo arrived, or fails with the reason the handshake ended. Any thread. */
    CompletableFuture<LoadConnection> established() {
        return established;
    }

    /** Counts pushed channel messages from now on. Any thread. */
    void subscriber(Deliveries.Subscriber subscriber) {
        this.subscriber = subscriber;
    }

    /** Sends one request; the future completes with its reply. Any thread. */
    CompletableFuture<Frame> request(Frame request) {
        CompletableFuture<Frame> reply = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (phase != Phase.ESTABLISHED) {
                reply.completeExceptionally(new IOException("session " + handle + " is not established"));
                return;
            }
            replies.add(reply::complete);
            channel.writeAndFlush(binary(BINCODE.encode(request)));
        });
        return reply;
    }

    /**
     * Sends already encoded {@code ChannelMsg} frames and flushes once; each Ack is counted, any
     * other reply is counted as an error. Any thread.
     */
    void publish(List<byte[]> encodedFrames) {
        channel.eventLoop().execute(() -> {
            for (byte[] frame : encodedFrames) {
                replies.add(this::acked);
                channel.write(binary(frame), channel.voidPromise());
            }
            channel.flush();
        });
    }

    /** Sends an app-level Ping every {@code period}, as a bridge would. Any thread. */
    void keepalive(Duration period) {
        channel.eventLoop().scheduleAtFixedRate(() -> {
            if (phase == Phase.ESTABLISHED) {
                replies.add(IGNORE);
                channel.writeAndFlush(binary(BINCODE.encode(new Frame.Ping())), channel.voidPromise());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops or resumes reading the socket, as a peer that hangs would: what the server sends piles
     * up in the kernel's buffers and then in the server's outbound queue. Any thread.
     */
    void reading(boolean on) {
        channel.eventLoop().execute(() -> channel.config().setAutoRead(on));
    }

    /** Acks received for published messages. Any thread. */
    long acks() {
        return acks;
    }

    /** Replies that were errors (or not the expected kind). Any thread. */
    long errors() {
        return errors;
    }

    /** The last error frame or failure seen, for reports. Any thread. */
    String lastError() {
        return lastError;
    }

    /** True while the TCP connection is up. Any thread. */
    boolean isOpen() {
        return channel != null && channel.isActive();
    }

    /** Closes the connection; not counted as a lost subscriber. Any thread. */
    void close() {
        closing = true;
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        context = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ctx.pipeline().replace(WebSocketFrameDecoder.class, "raw-frame-reader", new RawFrameReader(this::received));
            phase = Phase.AWAIT_CHALLENGE;
            ctx.writeAndFlush(binary(BINCODE.encode(new Frame.Hello(1, handle))));
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            fail(ctx, "WebSocket upgrade timed out");
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // Frames never get here: RawFrameReader takes the bytes once the upgrade is done.
        ReferenceCountUtil.release(msg);
        fail(ctx, "unexpected inbound message " + msg.getClass().getSimpleName());
    }

    /** One binary message from the server, read by {@link RawFrameReader}. */
    private void received(ByteBuf content) {
        onMessage(context, content);
    }

    private void onMessage(ChannelHandlerContext ctx, ByteBuf content) {
        if (phase == Phase.ESTABLISHED && content.isReadable() && content.getByte(content.readerIndex()) == CHANNEL_MSG) {
            Deliveries.Subscriber counting = subscriber;
            if (counting != null) {
                counting.delivered(content);
            }
            return;
        }
        Frame frame;
        try {
            frame = BINCODE.decode(ByteBufUtil.getBytes(content)).frame();
        } catch (DecodeException e) {
            fail(ctx, "undecodable frame from the server: " + e.getMessage());
            return;
        }
        switch (phase) {
            case AWAIT_CHALLENGE -> onChallenge(ctx, frame);
            case AWAIT_ESTABLISHED -> expect(ctx, frame, Frame.Established.class, Phase.AWAIT_SERVER_INFO);
            case AWAIT_SERVER_INFO -> {
                if (expect(ctx, frame, Frame.ServerInfo.class, Phase.ESTABLISHED)) {
                    established.complete(this);
                }
            }
            case ESTABLISHED -> onReply(frame);
            case UPGRADING, CLOSED -> fail(ctx, "frame " + frame.kind().jsonName() + " in phase " + phase);
            default -> throw new IllegalStateException("unknown phase " + phase);
        }
    }

    private void onChallenge(ChannelHandlerContext ctx, Frame frame) {
        if (!(frame instanceof Frame.Challenge challenge)) {
            fail(ctx, "expected challenge, got " + describe(frame));
            return;
        }
        Bytes publicKey = Bytes.of(identity.key().publicKey());
        if (register) {
            ctx.write(binary(BINCODE.encode(new Frame.Register(identity.user(), identity.machine(), publicKey))));
        }
        byte[] signature = identity.key().sign(challenge.nonce().toByteArray());
        ctx.writeAndFlush(binary(BINCODE.encode(new Frame.Auth(publicKey, Bytes.of(signature)))));
        phase = Phase.AWAIT_ESTABLISHED;
    }

    private boolean expect(ChannelHandlerContext ctx, Frame frame, Class<? extends Frame> type, Phase next) {
        if (!type.isInstance(frame)) {
            fail(ctx, "expected " + type.getSimpleName() + ", got " + describe(frame));
            return false;
        }
        phase = next;
        return true;
    }

    private void onReply(Frame frame) {
        if (frame instanceof Frame.Whisper) {
            return; // pushed, not a reply
        }
        if (frame instanceof Frame.Error error) {
            lastError = error.error().display();
        }
        Consumer<Frame> waiting = replies.poll();
        if (waiting == null) {
            errors++;
            lastError = "unsolicited " + describe(frame);
            return;
        }
        waiting.accept(frame);
    }

    private void acked(Frame reply) {
        if (reply instanceof Frame.Ack) {
            acks++;
        } else {
            errors++;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        boolean wasEstablished = phase == Phase.ESTABLISHED;
        phase = Phase.CLOSED;
        String reason = lastError != null ? lastError : "connection closed";
        established.completeExceptionally(new IOException("session " + handle + ": " + reason));
        Deliveries.Subscriber counting = subscriber;
        if (wasEstablished && !closing && counting != null) {
            counting.lost();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause.toString());
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        lastError = reason;
        established.completeExceptionally(new IOException("session " + handle + ": " + reason));
        ctx.close();
    }

    private static String describe(Frame frame) {
        return frame instanceof Frame.Error error ? "error `" + error.error().display() + "`" : frame.kind().jsonName();
    }

    private static BinaryWebSocketFrame binary(byte[] encoded) {
        return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(encoded));
    }
}
