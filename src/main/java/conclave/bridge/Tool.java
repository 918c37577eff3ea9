package conclave.bridge;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One MCP tool's behaviour (its schema is in {@link ToolCatalogue}): it checks its arguments and
 * either answers at once or sends a request whose reply answers the call later. No I/O; called on
 * the dispatcher's thread only.
 */
interface Tool {
    /** The name {@code tools/call} uses. */
    String name();

    /**
     * Runs one call.
     *
     * @param mcpId the id of the MCP request, to answer when a server replies
     * @return the outcome, or empty when the answer comes from a server later
     * @throws ToolFailure if the call is refused before anything is sent
     */
    Optional<ToolOutcome> call(JsonNode mcpId, ToolArguments args);
}
