package conclave.bridge;

import conclave.config.ServerRegistration;
import conclave.protocol.SessionPath;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The requesting side of the human approver: with an approver configured for a server, Claude
 * Code's permission prompts go to that {@code user/machine/session} as a whisper instead of into
 * the session, and only a verdict whispered back by exactly that path (as the server stamped it)
 * is applied, once, within {@link #STALE_AFTER}. Everything else is refused with a reason the
 * dispatcher logs (never the text). Times are epoch milliseconds. Not thread-safe: owned by the
 * dispatcher.
 */
final class Approvals {
    /** How long a request can be answered. */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);
    /** Open and answered requests remembered at most, each; the oldest is forgotten first. */
    static final int REMEMBERED = 256;

    /** What a verdict whisper came to. */
    sealed interface Outcome {}

    /** Not from the approver, or not a verdict at all: logged, never answered. */
    record Ignored(String reason) implements Outcome {}

    /** From the approver but not applicable: logged and explained to the approver. */
    record Rejected(String id, String reason) implements Outcome {}

    /** From the approver, for an open request: goes to Claude Code. */
    record Applied(String id, boolean allow, String toolName) implements Outcome {}

    private record Open(String toolName, long receivedMillis) {}

    private final Map<String, SessionPath> approvers = new LinkedHashMap<>();
    private final Map<String, Open> open = new LinkedHashMap<>();
    private final Set<String> answered = new LinkedHashSet<>();

    Approvals(List<ServerRegistration> servers) {
        for (ServerRegistration server : servers) {
            server.approver().flatMap(SessionPath::parse).ifPresent(path -> approvers.put(server.url(), path));
        }
    }

    /** Whether some server has an approver, so prompts go there and never to the session. */
    boolean active() {
        return !approvers.isEmpty();
    }

    /** Server key → approver, in registration order. */
    Map<String, SessionPath> approvers() {
        return approvers;
    }

    /**
     * Records Claude Code's {@code permission_request}; empty if its id is not a valid id.
     */
    Optional<ApprovalText.Request> requested(JsonNode params, long nowMillis) {
        String id = field(params, "request_id");
        if (!PermissionRelay.REQUEST_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        ApprovalText.Request request = new ApprovalText.Request(id, field(params, "tool_name"),
                field(params, "description"), field(params, "input_preview"));
        answered.remove(id);
        open.remove(id);
        open.put(id, new Open(request.toolName(), nowMillis));
        trim(open.keySet());
        return Optional.of(request);
    }

    /** A verdict-shaped whisper from {@code from} on {@code server}. */
    Outcome verdict(String server, SessionPath from, String text, long nowMillis) {
        SessionPath approver = approvers.get(server);
        if (approver == null) {
            return new Ignored("no approver is configured for this server");
        }
        if (!approver.equals(from)) {
            return new Ignored("the sender is not the configured approver " + approver.text());
        }
        Optional<ApprovalText.Verdict> verdict = ApprovalText.parseVerdict(text);
        if (verdict.isEmpty()) {
            return new Ignored("not a verdict: expected `conclave-verdict <id> allow|deny`");
        }
        String id = verdict.get().id();
        if (!PermissionRelay.REQUEST_ID.matcher(id).matches()) {
            return new Rejected(id, "`" + id + "` is not a request id (five letters a-z without l)");
        }
        String decision = verdict.get().decision();
        if (!decision.equals("allow") && !decision.equals("deny")) {
            return new Rejected(id, "the decision must be allow or deny");
        }
        if (answered.contains(id)) {
            return new Rejected(id, "request `" + id + "` was answered already");
        }
        Open request = open.get(id);
        if (request == null) {
            return new Rejected(id, "no open permission request `" + id + "`");
        }
        if (nowMillis - request.receivedMillis() > STALE_AFTER.toMillis()) {
            return new Rejected(id, "request `" + id + "` expired: it is older than " + STALE_AFTER.toMinutes()
                    + " minutes");
        }
        open.remove(id);
        answered.add(id);
        trim(answered);
        return new Applied(id, decision.equals("allow"), request.toolName());
    }

    private static void trim(Set<String> ids) {
        if (ids.size() > REMEMBERED) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private static String field(JsonNode params, String name) {
        JsonNode value = params == null ? null : params.get(name);
        return value != null && value.isString() ? value.stringValue() : "";
    }
}
