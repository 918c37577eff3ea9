package conclave.bridge;

import conclave.config.PermissionLevel;
import conclave.protocol.Frame;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** {@code join_channel}: joins a channel, with an invite token and a level to set once joined if given. */
final class JoinChannelTool implements Tool {
    private final ToolContext context;

    JoinChannelTool(ToolContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "join_channel";
    }

    @Override
    public Optional<ToolOutcome> call(JsonNode mcpId, ToolArguments args) {
        String server = context.server(args);
        String channel = args.required("channel", "`channel` is required");
        Optional<PermissionLevel> level = args.string("perm").map(JoinChannelTool::parseLevel);
        if (level.isPresent()) {
            LiveLevels.channelScope(channel);
        }
        context.join(server, mcpId, new Frame.Join(channel, args.string("token")), level);
        return Optional.empty();
    }

    private static PermissionLevel parseLevel(String text) {
        try {
            return PermissionLevel.parse(text);
        } catch (IllegalArgumentException unknown) {
            throw new ToolFailure(unknown.getMessage());
        }
    }
}
