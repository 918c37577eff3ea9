package conclave.bridge;

import tools.jackson.databind.node.ObjectNode;

/** Where the {@link BridgeDispatcher} writes JSON-RPC messages for Claude Code, in order. */
@FunctionalInterface
interface McpOutput {
    void send(ObjectNode message);
}
