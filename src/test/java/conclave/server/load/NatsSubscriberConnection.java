package conclave.server.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A minimal NATS subscriber on a Netty channel, so the baseline's subscribers cost the
 * generator what conclave's do (a share of a few event-loop threads) instead of jnats'
 * threads per connection. It speaks just enough of the NATS client protocol: on the server's
 * {@code INFO} it sends {@code CONNECT}, one {@code SUB} and a {@code PING}; the {@code PONG}
 * proves the subscription is in force; each {@code MSG} payload goes to its
 * {@link Deliveries.Subscriber}; the server's {@code PING}s get a {@code PONG}.
 *
 * <p>Confined to its channel's event loop; {@link #subscribed()} may be read from any thread.
 */
final class NatsSubscriberConnection extends ByteToMessageDecoder {
    private static final ByteBuf PONG = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("PONG\r\n", StandardCharsets.US_ASCII));

    private final String subject;
    private final Deliveries.Subscriber subscriber;
    private final CompletableFuture<NatsSubscriberConnection> subscribed = new CompletableFuture<>();
    private boolean connected;
    private boolean closing;

    NatsSubscriberConnection(String subject, Deliveries.Subscriber subscriber) {
        this.subject = subject;
        this.subscriber = subscriber;
    }

    /** Completes once the server answered the PING sent after the SUB. Any thread. */
    CompletableFuture<NatsSubscriberConnection> subscribed() {
        return subscribed;
    }

    /** Marks the coming close as ours, so the subscriber is not counted as lost. */
    void closing() {
        closing = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws IOException {
        while (true) {
            int start = in.readerIndex();
            int lf = in.forEachByte(ByteProcessor.FIND_LF);
            if (lf < 0) {
                return;
            }
            int lineEnd = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            if (startsWith(in, start, "MSG ")) {
                int size = lastNumber(in, start, lineEnd);
                int payload = lf + 1;
                if (in.writerIndex() < payload + size + 2) {
                    return; // wait for the rest of the message and its CRLF
                }
                subscriber.delivered(in.slice(payload, size));
                in.readerIndex(payload + size + 2);
                continue;
            }
            String line = in.toString(start, lineEnd - start, StandardCharsets.US_ASCII);
            in.readerIndex(lf + 1);
            if (line.startsWith("PING")) {
                ctx.writeAndFlush(PONG.duplicate());
            } else if (line.startsWith("PONG")) {
                subscribed.complete(this);
            } else if (line.startsWith("INFO") && !connected) {
                connected = true;
                String hello = "CONNECT {\"verbose\":false,\"pedantic\":false,\"name\":\"load\"}\r\n"
                        + "SUB " + subject + " 1\r\nPING\r\n";
                ctx.writeAndFlush(Unpooled.copiedBuffer(hello, StandardCharsets.US_ASCII));
            } else if (line.startsWith("-ERR")) {
                subscribed.completeExceptionally(new IOException("nats-server: " + line));
                ctx.close();
                return;
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        subscribed.completeExceptionally(new IOException("nats connection closed"));
        if (!closing) {
            subscriber.lost();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        subscribed.completeExceptionally(cause);
        ctx.close();
    }

    private static boolean startsWith(ByteBuf in, int at, String prefix) {
        if (in.writerIndex() - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (in.getByte(at + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The decimal number that ends the line (a MSG line's byte count). */
    private static int lastNumber(ByteBuf in, int start, int end) throws IOException {
        int value = 0;
        int multiplier = 1;
        int i = end - 1;
        for (; i > start && Character.isDigit(in.getByte(i)); i--) {
            value += (in.getByte(i) - '0') * multiplier;
            multiplier *= 10;
        }
        if (i == end - 1) {
            throw new IOException("MSG line without a byte count");
        }
        return value;
    }
}
