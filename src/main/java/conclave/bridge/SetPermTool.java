package conclave.bridge;

import conclave.config.PermissionLevel;
import conclave.config.PermissionScope;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code set_perm}: changes a level live, for whispers, a channel or the machine default; an
 * explicit level also lifts a loop guard downgrade of that scope.
 */
final class SetPermTool implements Tool {
    private final ToolContext context;
    private final LiveLevels levels;
    private final LoopGuard guard;

    SetPermTool(ToolContext context, LiveLevels levels, LoopGuard guard) {
        this.context = context;
        this.levels = levels;
        this.guard = guard;
    }

    @Override
    public String name() {
        return "set_perm";
    }

    @Override
    public Optional<ToolOutcome> call(JsonNode mcpId, ToolArguments args) {
        PermissionLevel level = args.string("level").flatMap(PermissionLevel::fromText)
                .orElseThrow(() -> new ToolFailure("`level` must be mute, notify, converse, or act"));
        Optional<String> channel = args.string("channel");
        if (args.flag("whisper")) {
            String server = context.server(args);
            levels.set(server, PermissionScope.whisper(), level);
            guard.restored(server, Optional.empty());
        } else if (channel.isPresent()) {
            String server = context.server(args);
            levels.set(server, LiveLevels.channelScope(channel.get()), level);
            guard.restored(server, channel);
        } else {
            levels.setDefault(level);
        }
        return Optional.of(ToolOutcome.ok("permission updated"));
    }
}
