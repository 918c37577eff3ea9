package conclave.config;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jackson trees read from and written to Jackson's streaming parsers and generators, without an
 * {@code ObjectMapper}. Building a mapper (the whole of databind's configuration) costs more than
 * everything else a one-shot verb or the bridge does before its first answer; the trees the
 * config file and MCP messages need are plain objects, arrays, strings, numbers and booleans.
 * Stateless and thread-safe.
 */
public final class JacksonTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JacksonTrees() {}

    /**
     * The one value {@code parser} holds; an empty document reads as an empty object.
     *
     * @throws JacksonException if the input is malformed or holds more than one value
     */
    public static JsonNode read(JsonParser parser) {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return NODES.objectNode();
        }
        JsonNode value = value(parser, first);
        if (parser.nextToken() != null) {
            throw new StreamReadException(parser, "unexpected content after the first value");
        }
        return value;
    }

    /** Writes {@code node}, which holds only objects, arrays, strings, numbers, booleans and nulls. */
    public static void write(JsonGenerator generator, JsonNode node) {
        if (node.isObject()) {
            generator.writeStartObject();
            for (var property : node.properties()) {
                generator.writeName(property.getKey());
                write(generator, property.getValue());
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode element : node) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (node.isString()) {
            generator.writeString(node.asString());
        } else if (node.isBoolean()) {
            generator.writeBoolean(node.booleanValue());
        } else if (node.isNull()) {
            generator.writeNull();
        } else if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                generator.writeNumber(node.longValue());
            } else {
                generator.writeNumber(node.bigIntegerValue());
            }
        } else if (node.isBigDecimal()) {
            generator.writeNumber(node.decimalValue());
        } else if (node.isNumber()) {
            generator.writeNumber(node.doubleValue());
        } else {
            throw new IllegalArgumentException("no JSON form for a " + node.getNodeType() + " node");
        }
    }

    private static JsonNode value(JsonParser parser, JsonToken token) {
        switch (token) {
            case START_OBJECT:
                ObjectNode object = NODES.objectNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    object.set(name, value(parser, parser.nextToken()));
                }
                return object;
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next));
                }
                return array;
            case VALUE_NUMBER_INT:
                // The smallest node that holds the value, as a mapper would build.
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue()); // TOML's inf and nan have no decimal form
            case VALUE_TRUE:
            case VALUE_FALSE:
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                // Strings, and TOML's dates and times, which its parser reports as their text.
                return NODES.stringNode(parser.getString());
        }
    }
}
