package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.Frame;
import conclave.protocol.SessionPath;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fan-outs made inside a burst are written at once and flushed together when the burst ends. */
class FanOutBurstTest {
    /** Records what reaches the socket: "w" per written message, "f" per flush. */
    private static final class Socket extends ChannelOutboundHandlerAdapter {
        final List<String> events = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ReferenceCountUtil.release(msg);
            events.add("w");
            promise.trySuccess();
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            events.add("f");
        }
    }

    private final Socket socket = new Socket();
    private final EmbeddedChannel channel = new EmbeddedChannel(socket);
    private final LoopFlushers flushers = new LoopFlushers();
    private final SessionChannel session = new SessionChannel(
            channel, WireEncoding.BINCODE, new SessionPath("a", "w", "r"), 0, new AtomicReference<SessionChannel>()::set);

    @AfterEach
    void closeBurst() {
        if (FanOutBurst.current() != null) {
            FanOutBurst.current().end();
        }
        channel.finishAndReleaseAll();
    }

    private void fanOut() {
        SharedFrame frame = new SharedFrame(new Frame.Pong());
        FanOutBatch batch = new FanOutBatch(frame, flushers);
        session.offer(frame, batch);
        batch.submit();
        channel.runPendingTasks();
    }

    @Test
    void outsideABurst_eachFanOutIsFlushed() {
        fanOut();
        fanOut();

        assertThat(socket.events).containsExactly("w", "w", "f", "w", "w", "f");
    }

    @Test
    void insideABurst_fanOutsWaitForItsEnd_thenOneFlushCarriesThemAll() {
        FanOutBurst burst = FanOutBurst.begin();
        fanOut();
        fanOut();
        fanOut();

        assertThat(socket.events).containsExactly("w", "w", "w");

        burst.end();
        channel.runPendingTasks();

        assertThat(socket.events).containsExactly("w", "w", "w", "w", "f");
        assertThat(FanOutBurst.current()).isNull();
    }

    @Test
    void theBurstsLastRequest_flushesAtOnce_takingTheEarlierMessagesAlong() {
        FanOutBurst burst = FanOutBurst.begin();
        fanOut();
        fanOut();
        burst.lastRequest(true);
        fanOut();

        assertThat(socket.events).containsExactly("w", "w", "w", "w", "f");
    }

    @Test
    void serialExecutor_runsItsTasksInsideABurst_andClosesItAfterwards() {
        List<FanOutBurst> seen = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(Runnable::run);

        serial.execute(() -> seen.add(FanOutBurst.current()));

        assertThat(seen).hasSize(1).doesNotContainNull();
        assertThat(FanOutBurst.current()).isNull();
    }
}
