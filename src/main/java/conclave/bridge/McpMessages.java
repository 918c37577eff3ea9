package conclave.bridge;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the JSON-RPC 2.0 messages the bridge writes to Claude Code: replies, tool results and
 * notifications (reference/bridge.md §3.4–§3.5). Stateless.
 */
final class McpMessages {
    static final String CHANNEL = "notifications/claude/channel";
    static final String PERMISSION_VERDICT = "notifications/claude/channel/permission";
    static final String TOOLS_CHANGED = "notifications/tools/list_changed";
    static final int METHOD_NOT_FOUND = -32601;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private McpMessages() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A reply carrying {@code result}; the id is echoed verbatim. */
    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode reply = envelope();
        reply.set("id", id);
        reply.set("result", result);
        return reply;
    }

    /** The JSON-RPC error for an unknown method or a nameless {@code tools/call}. */
    static ObjectNode methodNotFound(JsonNode id) {
        ObjectNode reply = envelope();
        reply.set("id", id);
        ObjectNode error = reply.putObject("error");
        error.put("code", METHOD_NOT_FOUND);
        error.put("message", "method not found");
        return reply;
    }

    /** A tool result with one text item; failures are results with {@code isError}, never errors. */
    static ObjectNode toolResult(JsonNode id, ToolOutcome outcome) {
        ObjectNode result = object();
        ObjectNode item = result.putArray("content").addObject();
        item.put("type", "text");
        item.put("text", outcome.text());
        if (outcome.isError()) {
            result.put("isError", true);
        }
        return result(id, result);
    }

    /** A {@code notifications/claude/channel} with {@code content} and {@code meta}. */
    static ObjectNode channelNotification(String content, Map<String, String> meta) {
        ObjectNode params = object();
        params.put("content", content);
        ObjectNode metaNode = params.putObject("meta");
        meta.forEach(metaNode::put);
        return notification(CHANNEL, params);
    }

    /** {@code notifications/tools/list_changed}, which has no params. */
    static ObjectNode toolsChanged() {
        ObjectNode message = envelope();
        message.put("method", TOOLS_CHANGED);
        return message;
    }

    /** The verdict on a relayed permission request. */
    static ObjectNode verdict(String requestId, boolean allow) {
        ObjectNode params = object();
        params.put("request_id", requestId);
        params.put("behavior", allow ? "allow" : "deny");
        return notification(PERMISSION_VERDICT, params);
    }

    private static ObjectNode notification(String method, ObjectNode params) {
        ObjectNode message = envelope();
        message.put("method", method);
        message.set("params", params);
        return message;
    }

    private static ObjectNode envelope() {
        ObjectNode message = object();
        message.put("jsonrpc", "2.0");
        return message;
    }
}
