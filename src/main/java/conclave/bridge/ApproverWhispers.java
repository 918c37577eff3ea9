package conclave.bridge;

import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import java.time.InstantSource;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whispers exchanged with human approvers ({@link Approvals}): a permission request out to
 * every approver, a verdict in, and a confirmation back to the approver; the session hears of
 * each step by a notice. Not thread-safe: the dispatcher's thread only.
 */
final class ApproverWhispers {
    /** Sends a request on the bridge's own behalf; {@code then} gets its outcome as a tool would. */
    @FunctionalInterface
    interface OwnRequests {
        void send(String server, Frame request, Consumer<ToolOutcome> then);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ApproverWhispers.class);

    private final Approvals approvals;
    private final Function<String, SessionPath> ourPath;
    private final OwnRequests requests;
    private final Consumer<ObjectNode> emit;
    private final InstantSource clock;

    /** {@code ourPath} gives this session's path on a server; {@code emit} sends MCP messages to Claude Code. */
    ApproverWhispers(Approvals approvals, Function<String, SessionPath> ourPath, OwnRequests requests,
            Consumer<ObjectNode> emit, InstantSource clock) {
        this.approvals = approvals;
        this.ourPath = ourPath;
        this.requests = requests;
        this.emit = emit;
        this.clock = clock;
    }

    /** Sends a recorded permission request to every configured approver instead of into the session. */
    void request(ApprovalText.Request request) {
        approvals.approvers().forEach((server, approver) -> {
            SessionPath us = ourPath.apply(server);
            String text = ApprovalText.request(request, us.text());
            requests.send(server, new Frame.Whisper(us, approver, new Payload.Plain(text)), outcome ->
                    emit.accept(outcome.isError()
                            ? Notices.approval(server, "Could not send permission request `" + request.id()
                                    + "` (to run `" + request.toolName() + "`) to the approver `" + approver.text()
                                    + "`: " + outcome.text() + ". It can still be answered in the terminal.")
                            : Notices.approval(server, "Permission request `" + request.id() + "` (to run `"
                                    + request.toolName() + "`) went to the approver `" + approver.text()
                                    + "`; their verdict will arrive on its own.")));
        });
    }

    /** A verdict whisper: applied only if it is the approver's, for an open request; answered to the approver. */
    void verdict(String server, SessionPath from, String text) {
        Approvals.Outcome outcome = approvals.verdict(server, from, text, clock.millis());
        if (outcome instanceof Approvals.Ignored ignored) {
            LOG.warn("ignored a permission verdict from {} on {}: {}", from.text(), server, ignored.reason());
        } else if (outcome instanceof Approvals.Rejected rejected) {
            LOG.warn("rejected a permission verdict from {} on {}: {}", from.text(), server, rejected.reason());
            confirm(server, from, ApprovalText.rejected(rejected.id(), rejected.reason()));
        } else if (outcome instanceof Approvals.Applied applied) {
            emit.accept(McpMessages.verdict(applied.id(), applied.allow()));
            emit.accept(Notices.approval(server, "The approver `" + from.text() + "` "
                    + (applied.allow() ? "allowed" : "denied") + " `" + applied.toolName() + "` (request `"
                    + applied.id() + "`)."));
            confirm(server, from, ApprovalText.applied(applied.id(), applied.allow()));
        }
    }

    private void confirm(String server, SessionPath approver, String text) {
        requests.send(server, new Frame.Whisper(ourPath.apply(server), approver, new Payload.Plain(text)), outcome -> {
            if (outcome.isError()) {
                LOG.warn("could not confirm a permission verdict to {} on {}: {}", approver.text(), server,
                        outcome.text());
            }
        });
    }
}
