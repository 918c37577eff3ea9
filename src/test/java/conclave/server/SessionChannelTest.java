package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.Frame;
import conclave.protocol.SessionPath;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The outbound bound: 1024 frames may wait for the socket, the 1025th means slow consumer. */
class SessionChannelTest {
    /** A peer that never reads: writes are accepted by Netty but never reach the socket. */
    private static final class StalledSocket extends ChannelOutboundHandlerAdapter {
        final List<ChannelPromise> held = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ReferenceCountUtil.release(msg);
            held.add(promise);
        }

        void release() {
            held.forEach(ChannelPromise::setSuccess);
            held.clear();
        }
    }

    private final StalledSocket socket = new StalledSocket();
    private final EmbeddedChannel channel = new EmbeddedChannel(socket);
    private final AtomicReference<SessionChannel> killed = new AtomicReference<>();
    private final SessionChannel session = new SessionChannel(
            channel, WireEncoding.BINCODE, new SessionPath("a", "w", "r"), 0, killed::set);

    private boolean offerPing() {
        boolean accepted = session.offer(new SharedFrame(new Frame.Pong()));
        channel.runPendingTasks();
        return accepted;
    }

    @Test
    void offer_upToCapacity_isAccepted_andOneMoreIsRefused() {
        for (int i = 0; i < SessionChannel.CAPACITY; i++) {
            assertThat(offerPing()).as("frame %d", i + 1).isTrue();
        }

        assertThat(offerPing()).isFalse();
    }

    @Test
    void writtenFrames_freeTheirSlots() {
        for (int i = 0; i < SessionChannel.CAPACITY; i++) {
            offerPing();
        }

        socket.release();

        assertThat(offerPing()).isTrue();
    }

    @Test
    void fanOut_upToCapacity_isWritten_andOneMoreKillsTheSessionAsSlowConsumer() {
        SharedFrame frame = new SharedFrame(new Frame.Pong());
        FanOutBatch batch = new FanOutBatch(frame, new LoopFlushers());
        for (int i = 0; i <= SessionChannel.CAPACITY; i++) {
            assertThat(session.offer(frame, batch)).as("frame %d", i + 1).isTrue();
        }

        batch.submit();
        channel.runPendingTasks();

        assertThat(socket.held).as("%d frames and one flush marker", SessionChannel.CAPACITY)
                .hasSize(SessionChannel.CAPACITY + 1);
        assertThat(killed.get()).isSameAs(session);
        assertThat(session.killReason()).isEqualTo(ForceDrop.SLOW_CONSUMER);
    }

    @Test
    void fanOut_withinCapacity_killsNobody() {
        SharedFrame frame = new SharedFrame(new Frame.Pong());
        FanOutBatch batch = new FanOutBatch(frame, new LoopFlushers());
        for (int i = 0; i < SessionChannel.CAPACITY; i++) {
            session.offer(frame, batch);
        }

        batch.submit();
        channel.runPendingTasks();

        assertThat(killed.get()).isNull();
        assertThat(offerPing()).as("the bound is full").isFalse();
    }

    @Test
    void fanOutThenPush_fromOneThread_reachTheSocketInThatOrder() {
        EmbeddedChannel recorded = new EmbeddedChannel();
        SessionChannel recipient = new SessionChannel(
                recorded, WireEncoding.BINCODE, new SessionPath("a", "w", "r"), 0, killed::set);
        SharedFrame first = new SharedFrame(new Frame.Pong());
        SharedFrame second = new SharedFrame(new Frame.Joined("lobby"));
        FanOutBatch batch = new FanOutBatch(first, new LoopFlushers());

        recipient.offer(first, batch);
        batch.submit();
        recipient.offer(second);
        recorded.runPendingTasks();

        List<byte[]> frames = new ArrayList<>();
        for (Object written; (written = recorded.readOutbound()) != null; ) {
            if (written instanceof BinaryWebSocketFrame binary) {
                frames.add(ByteBufUtil.getBytes(binary.content()));
            } else if (written instanceof ByteBuf framed && framed.isReadable()) {
                // a fan-out message, framed once for all recipients: a 2-byte header, then the frame
                assertThat((int) framed.getUnsignedByte(0)).isEqualTo(0x82);
                frames.add(ByteBufUtil.getBytes(framed, 2, framed.readableBytes() - 2));
            }
            ReferenceCountUtil.release(written);
        }
        assertThat(frames).containsExactly(first.encoded(WireEncoding.BINCODE), second.encoded(WireEncoding.BINCODE));
        recorded.finishAndReleaseAll();
    }

    @Test
    void terminate_peerNeverReads_socketIsCutAfterTheGrace() {
        session.terminate(ForceDrop.SLOW_CONSUMER);
        channel.runPendingTasks();
        assertThat(channel.isOpen()).as("open while the peer may still read the Close").isTrue();

        channel.advanceTimeBy(SessionChannel.KILL_CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).as("open after the grace").isFalse();
    }

    @Test
    void kill_firstReasonWins_andNotifiesOnce() {
        session.kill(ForceDrop.SLOW_CONSUMER);
        killed.set(null);
        session.kill(ForceDrop.IDLE);

        assertThat(session.killReason()).isEqualTo(ForceDrop.SLOW_CONSUMER);
        assertThat(killed.get()).isNull();
    }

    @Test
    void offer_encodesOncePerEncoding_andSharesTheBytes() {
        SharedFrame frame = new SharedFrame(new Frame.Pong());

        assertThat(frame.encoded(WireEncoding.BINCODE)).isSameAs(frame.encoded(WireEncoding.BINCODE));
        assertThat(frame.encoded(WireEncoding.BINCODE)).containsExactly(0x13);
        assertThat(new String(frame.encoded(WireEncoding.JSON), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"type\":\"pong\"");
        BinaryWebSocketFrame wrapped = (BinaryWebSocketFrame) SessionChannel.wrap(
                WireEncoding.BINCODE, frame.encoded(WireEncoding.BINCODE));
        assertThat(wrapped.content().array()).isSameAs(frame.encoded(WireEncoding.BINCODE));
        wrapped.release();
    }
}
