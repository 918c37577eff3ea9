package conclave.bridge;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP output around the handshake: everything sent before the {@code initialize} reply is
 * held back and flushed right after it (SPEC §6.15), up to {@link #MAX_HELD_BACK} messages. Not
 * thread-safe: the dispatcher's thread only.
 */
final class HandshakeGate {
    /** Messages held back before the {@code initialize} reply; later ones are dropped with a warning. */
    static final int MAX_HELD_BACK = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeGate.class);

    private final McpOutput output;
    private final List<ObjectNode> heldBack = new ArrayList<>();
    private boolean initializeAnswered;

    HandshakeGate(McpOutput output) {
        this.output = output;
    }

    /** Sends {@code message}, or holds it back until the {@code initialize} reply. */
    void send(ObjectNode message) {
        if (initializeAnswered) {
            output.send(message);
        } else if (heldBack.size() < MAX_HELD_BACK) {
            heldBack.add(message);
        } else {
            LOG.warn("dropped an MCP message: {} are already waiting for the initialize request", MAX_HELD_BACK);
        }
    }

    /** Sends a reply to {@code initialize}; the first one is followed by everything held back. */
    void initializeAnswered(ObjectNode reply) {
        output.send(reply);
        if (!initializeAnswered) {
            initializeAnswered = true;
            heldBack.forEach(output::send);
            heldBack.clear();
        }
    }
}
