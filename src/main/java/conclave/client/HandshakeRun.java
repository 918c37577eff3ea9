package conclave.client;

import conclave.protocol.Frame;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link Handshake} over a fresh {@link WebSocketConnection}: sends {@code Hello}, feeds
 * each frame to the handshake and sends what it answers, with {@code replyTimeout} for each wait.
 * On success it passes the connection to the owner's listener before anything else can arrive,
 * so no frame that follows {@code server_info} is lost. Confined to the connection's event loop.
 */
final class HandshakeRun implements WebSocketConnection.Listener {
    private final WebSocketConnection connection;
    private final Handshake handshake;
    private final Duration replyTimeout;
    private final WebSocketConnection.Listener next;
    private final CompletableFuture<Handshake.Done> result = new CompletableFuture<>();
    private ScheduledFuture<?> timer;

    private HandshakeRun(
            WebSocketConnection connection, Handshake handshake, Duration replyTimeout,
            WebSocketConnection.Listener next) {
        this.connection = connection;
        this.handshake = handshake;
        this.replyTimeout = replyTimeout;
        this.next = next;
    }

    /**
     * Starts the handshake; call on the connection's event loop. The future completes there:
     * with the established session, or with a {@link HandshakeRejectedException},
     * {@link UnexpectedReplyException}, {@link ReplyTimeoutException} or
     * {@link ConnectionLostException}, after which the connection is closed.
     */
    static CompletableFuture<Handshake.Done> start(
            WebSocketConnection connection, Handshake handshake, Duration replyTimeout,
            WebSocketConnection.Listener next) {
        HandshakeRun run = new HandshakeRun(connection, handshake, replyTimeout, next);
        connection.listen(run);
        if (!run.result.isDone()) {
            connection.send(handshake.hello());
            run.rearm();
        }
        return run.result;
    }

    @Override
    public void onFrame(Frame frame) {
        if (result.isDone()) {
            return;
        }
        Handshake.Step step = handshake.on(frame);
        if (step instanceof Handshake.Send send) {
            send.frames().forEach(connection::send);
            rearm();
        } else if (step instanceof Handshake.Continue) {
            rearm();
        } else if (step instanceof Handshake.Done done) {
            timer.cancel(false);
            connection.listen(next);
            result.complete(done);
        } else if (step instanceof Handshake.Failed failed) {
            fail(failed.failure());
        }
    }

    @Override
    public void onClosed(String reason) {
        fail(new ConnectionLostException("connection closed before a response arrived"));
    }

    private void rearm() {
        if (timer != null) {
            timer.cancel(false);
        }
        timer = connection.loop().schedule(
                () -> fail(new ReplyTimeoutException(
                        "timed out after " + Durations.text(replyTimeout) + " waiting for a server response")),
                replyTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void fail(ClientException failure) {
        if (timer != null) {
            timer.cancel(false);
        }
        if (result.completeExceptionally(failure)) {
            connection.close(failure.getMessage());
        }
    }
}
