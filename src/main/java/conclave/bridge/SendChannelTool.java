package conclave.bridge;

import conclave.protocol.Frame;
import conclave.protocol.Payload;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** {@code send_channel}: posts to a channel that is at least {@code converse}. */
final class SendChannelTool implements Tool {
    private final ToolContext context;
    private final LiveLevels levels;

    SendChannelTool(ToolContext context, LiveLevels levels) {
        this.context = context;
        this.levels = levels;
    }

    @Override
    public String name() {
        return "send_channel";
    }

    @Override
    public Optional<ToolOutcome> call(JsonNode mcpId, ToolArguments args) {
        String server = context.server(args);
        String missing = "`channel` and `text` are required";
        String channel = args.required("channel", missing);
        String text = args.required("text", missing);
        if (!levels.channel(server, channel).mayEmit()) {
            throw new ToolFailure("permission denied: `" + channel + "` on `" + server + "` is below `converse`");
        }
        Frame message = new Frame.ChannelMsg(channel, context.ourPath(server), new Payload.Plain(text));
        context.send(server, mcpId, message, "sent to " + channel);
        return Optional.empty();
    }
}
