package conclave.cli;

import static java.util.Objects.requireNonNull;

import conclave.bridge.ApprovalText;
import conclave.client.Link;
import conclave.client.LinkEvent;
import conclave.client.LinkListener;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import java.util.List;
import java.util.Optional;

/**
 * Drives {@code conclave tail --approvals}: stays connected as the approver's session and prints
 * each permission request whispered to it, with the exact {@code conclave approve} and
 * {@code conclave deny} commands that answer it. Other whispers print as in a channel tail.
 *
 * <p>Only the first connection failing is fatal. After that every loss, including the server
 * ending the session because {@code conclave approve} took the path over for a moment, is reported
 * on stderr and the link reconnects by itself. Runs on the link's event loop and never blocks.
 */
final class ApprovalTail implements LinkListener {
    private final Link link;
    private final String server;
    private final Optional<String> explicitHandle;
    private final TailOutput output;
    private boolean streaming;

    /**
     * @param server the registered URL, as the printed commands name it
     * @param explicitHandle the {@code --as} handle when it is not the default, for the printed commands
     */
    ApprovalTail(Link link, String server, Optional<String> explicitHandle, TailOutput output) {
        this.link = requireNonNull(link, "link");
        this.server = requireNonNull(server, "server");
        this.explicitHandle = requireNonNull(explicitHandle, "explicitHandle");
        this.output = requireNonNull(output, "output");
    }

    @Override
    public void onEvent(LinkEvent event) {
        if (event instanceof LinkEvent.Up up) {
            if (streaming) {
                output.err("✓ reconnected; waiting for approval requests");
            } else {
                streaming = true;
                output.out("waiting for approval requests to " + TerminalText.safe(up.path().text()) + " on "
                        + TerminalText.safe(server) + " — Ctrl-C to stop");
            }
        } else if (event instanceof LinkEvent.Pushed pushed && pushed.frame() instanceof Frame.Whisper whisper) {
            lines(whisper).forEach(output::out);
        } else if (event instanceof LinkEvent.Down down) {
            if (streaming) {
                output.err("⚠ connection to `" + TerminalText.safe(link.url().text()) + "` lost — reconnecting (Ctrl-C to stop)");
            } else {
                output.fail("connection to `" + link.url().text() + "` lost: " + down.reason());
            }
        } else if (event instanceof LinkEvent.DialFailing failing) {
            if (streaming) {
                output.err("⚠ " + TerminalText.safe(failing.reason()) + "; still retrying");
            } else {
                output.fail(TerminalText.safe(failing.reason()));
            }
        } else if (event instanceof LinkEvent.ServerError error) {
            output.err("⚠ the server ended this session: " + TerminalText.safe(error.error().display())
                    + " (a `conclave approve` or `deny` takes the path over for a moment)");
        }
    }

    /** What one whisper prints: a request with the commands to answer it, or the plain whisper line. */
    List<String> lines(Frame.Whisper whisper) {
        Optional<ApprovalText.Request> request = whisper.payload() instanceof Payload.Plain plain
                ? ApprovalText.parseRequest(plain.body())
                : Optional.empty();
        if (request.isEmpty()) {
            return List.of(TailFeed.line("whisper", whisper.from(), whisper.payload()));
        }
        ApprovalText.Request asked = request.get();
        String from = whisper.from().text();
        String options = " " + asked.id() + " --server " + server + " --to " + from
                + explicitHandle.map(handle -> " --as " + handle).orElse("");
        return List.of(
                "[approval " + asked.id() + "] " + TerminalText.safe(from) + " asks to run `"
                        + TerminalText.safe(asked.toolName()) + "`: " + TerminalText.safe(asked.description()),
                "  input: " + TerminalText.safe(asked.inputPreview()),
                "  allow: " + TerminalText.safe("conclave approve" + options),
                "  deny:  " + TerminalText.safe("conclave deny" + options));
    }
}
