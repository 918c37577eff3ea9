package conclave.bridge;

import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** One of the admin tools: sends the op {@link AdminTools} builds, to a server where this user is an admin. */
final class AdminTool implements Tool {
    private final String name;
    private final ToolContext context;

    AdminTool(String name, ToolContext context) {
        this.name = name;
        this.context = context;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<ToolOutcome> call(JsonNode mcpId, ToolArguments args) {
        String server = context.server(args);
        AdminOp op = AdminTools.op(name, args);
        if (!context.isAdmin(server)) {
            throw new ToolFailure("not an admin on `" + server + "`");
        }
        context.send(server, mcpId, new Frame.Admin(op));
        return Optional.empty();
    }
}
