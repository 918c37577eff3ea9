package conclave.bridge;

import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** {@code whisper}: a direct message to a session or a user, while whispers are at least {@code converse}. */
final class WhisperTool implements Tool {
    private final ToolContext context;
    private final LiveLevels levels;

    WhisperTool(ToolContext context, LiveLevels levels) {
        this.context = context;
        this.levels = levels;
    }

    @Override
    public String name() {
        return "whisper";
    }

    @Override
    public Optional<ToolOutcome> call(JsonNode mcpId, ToolArguments args) {
        String server = context.server(args);
        String missing = "`target` and `text` are required";
        String targetText = args.required("target", missing);
        String text = args.required("text", missing);
        SessionPath target = target(targetText);
        if (!levels.whisper(server).mayEmit()) {
            throw new ToolFailure("permission denied: whispers on `" + server + "` are below `converse`");
        }
        Frame message = new Frame.Whisper(context.ourPath(server), target, new Payload.Plain(text));
        context.send(server, mcpId, message, "whisper sent");
        return Optional.empty();
    }

    /** A full path, or a bare username: any of that user's sessions, queued if none is online. */
    private static SessionPath target(String text) {
        if (!text.isEmpty() && text.indexOf('/') < 0) {
            return SessionPath.ofUser(text);
        }
        return SessionPath.parse(text).orElseThrow(
                () -> new ToolFailure("`target` must be a `user/machine/session` path or a username"));
    }
}
