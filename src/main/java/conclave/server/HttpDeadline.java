package conclave.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not become a WebSocket within the deadline, so a socket that never
 * sends a request, or trickles one, cannot be held open for free. The upgrade removes it; the
 * session's own handshake deadline takes over from there. One per connection, event loop only.
 */
final class HttpDeadline extends ChannelInboundHandlerAdapter {
    private final Duration deadline;
    private ScheduledFuture<?> timer;

    HttpDeadline(Duration deadline) {
        this.deadline = deadline;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> ctx.close(), deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        timer.cancel(false);
    }
}
