package conclave.bridge;

import conclave.protocol.Frame;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** {@code who}: who is online on a server, or in one of its channels. */
final class WhoTool implements Tool {
    private final ToolContext context;

    WhoTool(ToolContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "who";
    }

    @Override
    public Optional<ToolOutcome> call(JsonNode mcpId, ToolArguments args) {
        context.send(context.server(args), mcpId, new Frame.Who(args.string("channel")));
        return Optional.empty();
    }
}
