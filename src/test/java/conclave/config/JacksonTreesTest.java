package conclave.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JacksonTreesTest {
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String DOCUMENT = "{\"id\":7,\"big\":12345678901,\"huge\":123456789012345678901234567890,"
            + "\"ratio\":0.25,\"yes\":true,\"no\":false,\"nothing\":null,\"text\":\"a \\\"quoted\\\" \\u2028 line\","
            + "\"list\":[1,\"two\",{\"three\":[]}],\"empty\":{}}";

    @Test
    void read_buildsTheTreeAMapperBuilds() {
        JsonNode tree = read(DOCUMENT);

        assertThat(tree).isEqualTo(MAPPER.readTree(DOCUMENT));
        assertThat(tree.get("id").isInt()).isTrue();
        assertThat(tree.get("big").isLong()).isTrue();
        assertThat(tree.get("huge").isBigInteger()).isTrue();
        assertThat(tree.get("ratio").isDouble()).isTrue();
    }

    @Test
    void write_producesWhatAMapperWrites() {
        JsonNode tree = MAPPER.readTree(DOCUMENT);

        assertThat(write(tree)).isEqualTo(MAPPER.writeValueAsString(tree));
    }

    @Test
    void read_ofAnEmptyDocument_isAnEmptyObject() {
        assertThat(read("  ").isObject()).isTrue();
        assertThat(read("  ").isEmpty()).isTrue();
    }

    @Test
    void read_ofTwoValues_isRejected() {
        assertThatThrownBy(() -> read("{}{}"))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("unexpected content after the first value");
    }

    @Test
    void read_ofMalformedJson_isRejected() {
        assertThatThrownBy(() -> read("{\"a\":")).isInstanceOf(JacksonException.class);
    }

    private static JsonNode read(String text) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), text)) {
            return JacksonTrees.read(parser);
        }
    }

    private static String write(JsonNode tree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            JacksonTrees.write(generator, tree);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
