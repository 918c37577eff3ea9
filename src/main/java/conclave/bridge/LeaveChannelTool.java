package conclave.bridge;

import conclave.protocol.Frame;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** {@code leave_channel}: unsubscribes from a channel, which is not joined again on reconnect. */
final class LeaveChannelTool implements Tool {
    private final ToolContext context;

    LeaveChannelTool(ToolContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "leave_channel";
    }

    @Override
    public Optional<ToolOutcome> call(JsonNode mcpId, ToolArguments args) {
        String server = context.server(args);
        String channel = args.required("channel", "`channel` is required");
        context.left(server, channel);
        context.send(server, mcpId, new Frame.Leave(channel), "left " + channel);
        return Optional.empty();
    }
}
