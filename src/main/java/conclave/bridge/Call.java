package conclave.bridge;

import conclave.config.PermissionLevel;
import conclave.protocol.Frame;
import tools.jackson.databind.JsonNode;

/**
 * One request to a server, numbered by the {@link CallTable}. Immutable.
 *
 * @param mcpId the MCP request to answer, or null for the bridge's own (a re-join after
 *     reconnect, a {@code mark_read}, a whisper to an approver)
 * @param okText the success text instead of the reply's rendering, or null
 * @param joinLevel the level {@code join_channel perm} sets once joined, or null
 */
record Call(long id, String server, JsonNode mcpId, Frame request, String okText, PermissionLevel joinLevel,
        long startedMillis) {}
