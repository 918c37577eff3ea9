package conclave.bridge;

import conclave.protocol.Frame;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** {@code list_channels}: the channels visible to this user on a server. */
final class ListChannelsTool implements Tool {
    private final ToolContext context;

    ListChannelsTool(ToolContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "list_channels";
    }

    @Override
    public Optional<ToolOutcome> call(JsonNode mcpId, ToolArguments args) {
        context.send(context.server(args), mcpId, new Frame.ListChannels());
        return Optional.empty();
    }
}
