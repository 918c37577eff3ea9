package conclave.config;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlFactory;

/** Reads a TOML document into a tree with Jackson's streaming TOML parser (see {@link JacksonTrees}). */
final class TomlTree {
    private static final TomlFactory FACTORY = new TomlFactory();

    private TomlTree() {}

    /**
     * The document's root table.
     *
     * @throws JacksonException if the text is not TOML
     */
    static JsonNode read(String text) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            return JacksonTrees.read(parser);
        }
    }
}
