package conclave.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The tool registry holds exactly the catalogue's tools and names an unknown one. */
class ToolRegistryTest {
    /** A tool that only has a name. */
    private record Named(String name) implements Tool {
        @Override
        public Optional<ToolOutcome> call(JsonNode mcpId, ToolArguments args) {
            return Optional.of(ToolOutcome.ok(name));
        }
    }

    private static List<Tool> catalogued() {
        return Stream.of(ToolCatalogue.ALWAYS, ToolCatalogue.EMIT, ToolCatalogue.ADMIN).flatMap(List::stream)
                .<Tool>map(tool -> new Named(tool.name())).toList();
    }

    @Test
    void named_catalogueTool_isFound() {
        ToolRegistry registry = new ToolRegistry(catalogued());

        assertThat(registry.named("whisper").name()).isEqualTo("whisper");
        assertThat(registry.named("ban_list").name()).isEqualTo("ban_list");
    }

    @Test
    void named_unknownTool_failsNamingIt() {
        ToolRegistry registry = new ToolRegistry(catalogued());

        assertThatThrownBy(() -> registry.named("fly")).isInstanceOf(ToolFailure.class)
                .hasMessage("unknown tool `fly`");
    }

    @Test
    void new_toolMissingFromTheCatalogueOrTheList_isRejected() {
        List<Tool> extra = Stream.concat(catalogued().stream(), Stream.of(new Named("fly"))).toList();
        List<Tool> missing = catalogued().subList(1, catalogued().size());
        List<Tool> twice = Stream.concat(catalogued().stream(), Stream.of(new Named("who"))).toList();

        assertThatThrownBy(() -> new ToolRegistry(extra)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ToolRegistry(missing)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ToolRegistry(twice)).isInstanceOf(IllegalStateException.class);
    }
}
