package conclave.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Reading stdin (SPEC §6.16): bad lines are skipped, never the end of the bridge. */
class McpLineReaderTest {
    private static List<JsonNode> read(byte[] input) throws IOException {
        List<JsonNode> messages = new ArrayList<>();
        new McpLineReader(new ByteArrayInputStream(input)).readAll(messages::add);
        return messages;
    }

    @Test
    void readAll_badLinesBetweenGoodOnes_skipsOnlyTheBadOnes() throws IOException {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes("{\"id\":1}\n".getBytes(StandardCharsets.UTF_8));
        input.writeBytes(new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
        input.writeBytes("not json\n\n   \n[1,2]\n{\"id\":2}\r\n{\"id\":3}".getBytes(StandardCharsets.UTF_8));

        List<JsonNode> messages = read(input.toByteArray());

        assertThat(messages).extracting(message -> message.path("id").asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void readAll_lineLongerThanTheLimit_isSkipped() throws IOException {
        byte[] big = new byte[McpLineReader.MAX_LINE + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(big);
        input.writeBytes("{\"id\":1}\n{\"id\":2}\n".getBytes(StandardCharsets.UTF_8));

        List<JsonNode> messages = read(input.toByteArray());

        assertThat(messages).extracting(message -> message.path("id").asInt()).containsExactly(2);
    }

    @Test
    void readAll_multiByteCharacters_survive() throws IOException {
        List<JsonNode> messages = read("{\"t\":\"héllo ✓\"}\n".getBytes(StandardCharsets.UTF_8));

        assertThat(messages.get(0).path("t").asString()).isEqualTo("héllo ✓");
    }
}
