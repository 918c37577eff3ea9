package conclave.bridge;

import conclave.config.PermissionLevel;
import conclave.protocol.Frame;
import conclave.protocol.SessionPath;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What the tools may ask of the dispatcher: which server a call targets, this session's place
 * there, and sending a request whose reply answers the MCP call. Sent requests wait for a link
 * that is not up and fail after {@link BridgeDispatcher#CALL_DEADLINE}.
 */
interface ToolContext {
    /**
     * The server a call targets: its {@code server} argument, or the only server there is.
     *
     * @throws ToolFailure for an unknown server, or no or several servers and no argument
     */
    String server(ToolArguments args);

    /** This session's path on {@code server}. */
    SessionPath ourPath(String server);

    /** Whether {@code server} said this user is an admin. */
    boolean isAdmin(String server);

    /** Forgets a joined channel, so that a reconnect does not join it again. */
    void left(String server, String channel);

    /** Sends {@code request} to {@code server}; the rendered reply answers MCP request {@code mcpId}. */
    void send(String server, JsonNode mcpId, Frame request);

    /** Like {@link #send(String, JsonNode, Frame)}, but a successful reply is answered with {@code okText}. */
    void send(String server, JsonNode mcpId, Frame request, String okText);

    /** Sends a join; once the server says joined, the channel's level becomes {@code level} if there is one. */
    void join(String server, JsonNode mcpId, Frame.Join request, Optional<PermissionLevel> level);
}
