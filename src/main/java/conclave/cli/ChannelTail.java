package conclave.cli;

import static java.util.Objects.requireNonNull;

import conclave.client.ConnectionLostException;
import conclave.client.Link;
import conclave.client.LinkEvent;
import conclave.client.LinkListener;
import conclave.protocol.Frame;
import conclave.protocol.SessionPath;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Drives {@code conclave tail} on a {@link Link}: joins the channel on every fresh connection,
 * replays history from the {@link TailFeed} watermark, turns pushed traffic into lines, and
 * reports the connection's ups and downs on stderr (reference/cli.md, {@code tail}).
 *
 * <p>States: <i>starting</i> until the first {@code joined}; then <i>streaming</i>, across any
 * number of reconnects; then <i>ended</i>. While starting, every failure is fatal: the first dial
 * or handshake failing, the connection dropping, the join being refused. While streaming, a lost
 * connection prints {@code ⚠ connection to `<url>` lost — reconnecting (Ctrl-C to stop)} and the
 * link re-dials with its backoff; the next join prints {@code ✓ reconnected; resuming #<channel>}
 * and replays. A refused join, a refused history read, or an {@code error} the server sends on its
 * own ({@code server terminated the stream: …}, e.g. superseded or revoked) end it at any time.
 *
 * <p>Runs on the link's event loop, where the link calls it and where its requests' replies
 * complete, so replies and pushed frames reach the feed in the order the server sent them. It
 * never blocks: lines go to a {@link TailOutput}.
 */
final class ChannelTail implements LinkListener {
    private final Link link;
    private final String channel;
    private final TailFeed feed;
    private final TailOutput output;
    private final InstantSource clock;

    // Confined to the link's event loop.
    private boolean streaming;
    private boolean ended;

    ChannelTail(Link link, String channel, TailFeed feed, TailOutput output, InstantSource clock) {
        this.link = requireNonNull(link, "link");
        this.channel = requireNonNull(channel, "channel");
        this.feed = requireNonNull(feed, "feed");
        this.output = requireNonNull(output, "output");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void onEvent(LinkEvent event) {
        if (ended) {
            return;
        }
        if (event instanceof LinkEvent.Up up) {
            join(up.path());
        } else if (event instanceof LinkEvent.Pushed pushed) {
            pushed(pushed.frame());
        } else if (event instanceof LinkEvent.Down down) {
            if (streaming) {
                output.err("⚠ connection to `" + TerminalText.safe(link.url().text()) + "` lost — reconnecting (Ctrl-C to stop)");
            } else {
                fail("connection to `" + link.url().text() + "` lost: " + down.reason());
            }
        } else if (event instanceof LinkEvent.DialFailing failing) {
            if (streaming) {
                output.err("⚠ " + TerminalText.safe(failing.reason()) + "; still retrying");
            } else {
                fail(failing.reason());
            }
        } else if (event instanceof LinkEvent.ServerError error) {
            fail("server terminated the stream: " + error.error().display());
        }
        // AdminChanged means nothing to a tail; Refused cannot happen, its gate admits any server.
    }

    private void join(SessionPath path) {
        request(new Frame.Join(channel, Optional.empty()), "join rejected", reply -> {
            if (!(reply instanceof Frame.Joined)) {
                fail("join rejected: unexpected response: " + reply.kind().jsonName());
                return;
            }
            if (streaming) {
                output.err("✓ reconnected; resuming #" + TerminalText.safe(channel));
            } else {
                streaming = true;
                output.out("tailing #" + TerminalText.safe(channel) + " as " + TerminalText.safe(path.text())
                        + " — Ctrl-C to stop");
            }
            feed.subscribed().ifPresent(this::read);
        });
    }

    private void read(long sinceMs) {
        request(new Frame.ReadSince(channel, sinceMs), "history replay rejected", reply -> {
            if (!(reply instanceof Frame.History history)) {
                fail("history replay rejected: unexpected response: " + reply.kind().jsonName());
                return;
            }
            TailFeed.Page page = feed.history(history, clock.millis());
            print(page.lines());
            page.nextSince().ifPresent(this::read);
        });
    }

    private void pushed(Frame frame) {
        if (frame instanceof Frame.ChannelMsg message) {
            print(feed.live(message, clock.millis()));
        } else if (frame instanceof Frame.Whisper whisper) {
            print(feed.whisper(whisper));
        }
    }

    /**
     * Sends {@code request} and hands its reply to {@code then} on the event loop. An error reply
     * ends the tail with {@code <refused>: <error>}; a lost connection is left to the
     * {@link LinkEvent.Down} that follows; any other failure (a timeout) ends the tail.
     */
    private void request(Frame request, String refused, Consumer<Frame> then) {
        CompletableFuture<Frame> reply = link.request(request);
        // Attached on the loop right after sending, before any reply can be read: it runs on the loop.
        reply.whenComplete((frame, failure) -> {
            if (ended) {
                return;
            }
            if (failure instanceof ConnectionLostException) {
                return;
            }
            if (failure != null) {
                fail(FailureReporter.chain(failure));
            } else if (frame instanceof Frame.Error error) {
                fail(refused + ": " + error.error().display());
            } else {
                then.accept(frame);
            }
        });
    }

    private void print(List<String> lines) {
        lines.forEach(output::out);
    }

    private void fail(String message) {
        ended = true;
        output.fail(TerminalText.safe(message));
    }
}
