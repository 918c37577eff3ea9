package conclave.bridge;

import conclave.config.JacksonTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;

/**
 * Reads newline-delimited JSON-RPC from Claude Code: one JSON object per line. Blank lines are
 * skipped; a line that is not UTF-8, not JSON, not an object or longer than {@link #MAX_LINE}
 * bytes is skipped with a warning on stderr that never quotes it (SPEC §6.16). Only the end of
 * the stream ends reading. Confined to the thread that calls {@link #readAll}.
 */
final class McpLineReader {
    /** The longest line read; longer ones are skipped (a frame is at most 16 MiB too). */
    static final int MAX_LINE = 16 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(McpLineReader.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final InputStream in;

    McpLineReader(InputStream in) {
        this.in = in;
    }

    /** Reads until end of stream, handing each JSON object to {@code messages}. */
    void readAll(Consumer<JsonNode> messages) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        long number = 0;
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1) {
            int start = 0;
            for (int i = 0; i < read; i++) {
                if (buffer[i] != '\n') {
                    continue;
                }
                number++;
                if (!tooLong && line.size() + (i - start) <= MAX_LINE) {
                    line.write(buffer, start, i - start);
                    parse(line.toByteArray(), number).ifPresent(messages);
                } else {
                    LOG.warn("skipped stdin line {}: longer than {} bytes", number, MAX_LINE);
                }
                line.reset();
                tooLong = false;
                start = i + 1;
            }
            if (!tooLong && line.size() + (read - start) <= MAX_LINE) {
                line.write(buffer, start, read - start);
            } else {
                tooLong = true;
                line.reset();
            }
        }
        if (line.size() > 0 && !tooLong) {
            parse(line.toByteArray(), number + 1).ifPresent(messages);
        }
    }

    /** The JSON object on one line, or empty (with a warning unless the line is blank). */
    static Optional<JsonNode> parse(byte[] bytes, long number) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            LOG.warn("skipped stdin line {}: not valid UTF-8", number);
            return Optional.empty();
        }
        if (text.isBlank()) {
            return Optional.empty();
        }
        JsonNode message;
        try {
            try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), text)) {
                message = JacksonTrees.read(parser);
            }
        } catch (JacksonException notJson) {
            LOG.warn("skipped stdin line {}: not JSON", number);
            return Optional.empty();
        }
        if (message == null || !message.isObject()) {
            LOG.warn("skipped stdin line {}: not a JSON-RPC object", number);
            return Optional.empty();
        }
        return Optional.of(message);
    }
}
