package conclave.bridge;

import conclave.config.JacksonTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes JSON-RPC messages to Claude Code: each compact on one line, flushed at once. After a
 * write fails (Claude Code went away) output stops, with one warning on stderr. Thread-safe.
 */
final class McpLineWriter implements McpOutput {
    private static final Logger LOG = LoggerFactory.getLogger(McpLineWriter.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final OutputStream out;
    private boolean broken;

    McpLineWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized void send(ObjectNode message) {
        if (broken) {
            return;
        }
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), line)) {
                JacksonTrees.write(generator, message);
            }
            line.write('\n');
            line.writeTo(out);
            out.flush();
        } catch (IOException e) {
            broken = true;
            LOG.warn("stopped writing MCP output: {}", e.getMessage());
        }
    }
}
