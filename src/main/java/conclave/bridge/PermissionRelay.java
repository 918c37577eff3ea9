package conclave.bridge;

import static conclave.bridge.Escaping.markup;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Claude Code's permission prompts, relayed into the session so the agent can answer them with
 * {@code submit_permission} (reference/bridge.md §3.9, SPEC §6.17): the prompt shows the tool,
 * the description and the input preview, escaped; a verdict is only sent for an id that Claude
 * Code actually asked about. Not thread-safe: owned by the dispatcher.
 */
final class PermissionRelay {
    /** Claude Code's ids: five lowercase letters without {@code l}. */
    static final Pattern REQUEST_ID = Pattern.compile("[a-km-z]{5}");
    /** Open requests remembered at most; the oldest is forgotten first. */
    static final int MAX_OPEN = 256;

    private final Set<String> open = new LinkedHashSet<>();

    /**
     * Records a {@code permission_request} and returns the prompt to inject, or empty if its
     * {@code request_id} is not a valid id.
     */
    Optional<ObjectNode> requested(JsonNode params) {
        String id = field(params, "request_id");
        if (!REQUEST_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        open.remove(id);
        open.add(id);
        if (open.size() > MAX_OPEN) {
            Iterator<String> oldest = open.iterator();
            oldest.next();
            oldest.remove();
        }
        String content = "Claude Code requests approval to run `" + markup(field(params, "tool_name")) + "`: "
                + markup(field(params, "description"))
                + "\nInput: " + markup(field(params, "input_preview"))
                + "\nAnswer with the submit_permission tool: {\"request_id\": \"" + id
                + "\", \"decision\": \"allow\"} or \"deny\".";
        Map<String, String> meta = new TreeMap<>();
        meta.put("kind", "permission_request");
        meta.put("request_id", id);
        return Optional.of(McpMessages.channelNotification(content, meta));
    }

    /**
     * Closes request {@code id} and returns its verdict notification.
     *
     * @throws ToolFailure if no open request has that id
     */
    ObjectNode decide(String id, boolean allow) {
        if (!open.remove(id)) {
            throw new ToolFailure("unknown permission request `" + id + "` (no open request has that id)");
        }
        return McpMessages.verdict(id, allow);
    }

    private static String field(JsonNode params, String name) {
        JsonNode value = params == null ? null : params.get(name);
        return value != null && value.isString() ? value.stringValue() : "";
    }
}
