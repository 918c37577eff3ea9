package conclave.bridge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The tools by name, the one place a {@code tools/call} finds its tool. It holds exactly the tools
 * {@link ToolCatalogue} lists, so the catalogue stays the single source of what exists. Immutable.
 */
final class ToolRegistry {
    private final Map<String, Tool> tools = new LinkedHashMap<>();

    /** @throws IllegalStateException unless {@code tools} are exactly the catalogue's, once each */
    ToolRegistry(List<Tool> tools) {
        tools.forEach(tool -> this.tools.put(tool.name(), tool));
        Set<String> catalogued = Stream.of(ToolCatalogue.ALWAYS, ToolCatalogue.EMIT, ToolCatalogue.ADMIN)
                .flatMap(List::stream).map(ToolCatalogue.Listing::name).collect(Collectors.toSet());
        if (this.tools.size() != tools.size() || !this.tools.keySet().equals(catalogued)) {
            throw new IllegalStateException("the tools " + this.tools.keySet() + " are not the catalogue's "
                    + catalogued);
        }
    }

    /**
     * The tool called {@code name}.
     *
     * @throws ToolFailure if there is none
     */
    Tool named(String name) {
        Tool tool = tools.get(name);
        if (tool == null) {
            throw new ToolFailure("unknown tool `" + name + "`");
        }
        return tool;
    }
}
