package conclave.cli;

import static java.util.Objects.requireNonNull;

import conclave.bridge.ApprovalText;
import conclave.client.Link;
import conclave.client.LinkEvent;
import conclave.client.LinkListener;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import java.util.concurrent.CompletableFuture;

/**
 * Drives {@code conclave approve}/{@code deny} on a {@link Link}: once connected it whispers the
 * verdict to the requesting session, then waits for that session's bridge to confirm it (applied,
 * or rejected with a reason). The first failure ends it: the dial or handshake failing, the
 * connection dropping, the server refusing the whisper. Runs on the link's event loop and never
 * blocks; the command waits on {@link #outcome()} with its own deadline.
 */
final class VerdictExchange implements LinkListener {
    private final Link link;
    private final SessionPath target;
    private final String id;
    private final boolean allow;
    private final CompletableFuture<ApprovalText.Confirmation> outcome = new CompletableFuture<>();
    private final CompletableFuture<Void> delivered = new CompletableFuture<>();
    private boolean sent;

    VerdictExchange(Link link, SessionPath target, String id, boolean allow) {
        this.link = requireNonNull(link, "link");
        this.target = requireNonNull(target, "target");
        this.id = requireNonNull(id, "id");
        this.allow = allow;
    }

    /** The requesting bridge's confirmation; fails with the line to print. */
    CompletableFuture<ApprovalText.Confirmation> outcome() {
        return outcome;
    }

    /** Completes when the server acked the verdict whisper (it reached the session). */
    CompletableFuture<Void> delivered() {
        return delivered;
    }

    @Override
    public void onEvent(LinkEvent event) {
        if (outcome.isDone()) {
            return;
        }
        if (event instanceof LinkEvent.Up && !sent) {
            sent = true;
            Frame verdict = new Frame.Whisper(SessionPath.UNSTAMPED, target,
                    new Payload.Plain(ApprovalText.verdict(id, allow)));
            link.request(verdict).whenComplete((reply, failure) -> {
                if (failure != null) {
                    fail("the verdict was not delivered: " + FailureReporter.chain(failure));
                } else if (reply instanceof Frame.Error error) {
                    fail("the verdict was not delivered: " + error.error().display());
                } else {
                    delivered.complete(null);
                }
            });
        } else if (event instanceof LinkEvent.Pushed pushed && pushed.frame() instanceof Frame.Whisper whisper
                && whisper.from().equals(target) && whisper.payload() instanceof Payload.Plain plain) {
            ApprovalText.parseConfirmation(plain.body())
                    .filter(confirmation -> confirmation.id().equals(id))
                    .ifPresent(outcome::complete);
        } else if (event instanceof LinkEvent.DialFailing failing) {
            fail(failing.reason());
        } else if (event instanceof LinkEvent.Down down) {
            fail("connection to `" + link.url().text() + "` lost: " + down.reason());
        } else if (event instanceof LinkEvent.ServerError error) {
            fail("the server ended the session: " + error.error().display());
        }
    }

    private void fail(String message) {
        outcome.completeExceptionally(new IllegalStateException(message));
    }
}
