package conclave.bridge;

import conclave.client.DurationText;
import conclave.protocol.Frame;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * {@code catch_up}: reads a channel's history from {@code since} ago, or else from a little before
 * the last message this session saw, or else everything retained.
 */
final class CatchUpTool implements Tool {
    /** Slack before the watermark: a duplicate beats a gap. */
    static final long SLACK_MILLIS = 60_000;

    private final ToolContext context;
    private final Watermarks watermarks;
    private final InstantSource clock;

    CatchUpTool(ToolContext context, Watermarks watermarks, InstantSource clock) {
        this.context = context;
        this.watermarks = watermarks;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "catch_up";
    }

    @Override
    public Optional<ToolOutcome> call(JsonNode mcpId, ToolArguments args) {
        String server = context.server(args);
        String channel = args.required("channel", "`channel` is required");
        long now = clock.millis();
        long since;
        Optional<String> window = args.string("since");
        if (window.isPresent()) {
            long seconds;
            try {
                seconds = DurationText.seconds(window.get());
            } catch (IllegalArgumentException invalid) {
                throw new ToolFailure("invalid `since`: " + invalid.getMessage());
            }
            since = seconds > now / 1000 ? 0 : now - seconds * 1000;
        } else {
            OptionalLong seen = watermarks.of(server, channel);
            since = seen.isPresent() ? Math.max(0, seen.getAsLong() - SLACK_MILLIS) : 0;
        }
        context.send(server, mcpId, new Frame.ReadSince(channel, since));
        return Optional.empty();
    }
}
