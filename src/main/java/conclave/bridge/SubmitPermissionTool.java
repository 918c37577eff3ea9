package conclave.bridge;

import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code submit_permission}: answers a relayed Claude Code permission request, unless a human
 * approver is configured to answer them instead.
 */
final class SubmitPermissionTool implements Tool {
    private final Approvals approvals;
    private final PermissionRelay relay;
    private final Consumer<ObjectNode> emit;

    /** {@code emit} sends the verdict notification to Claude Code. */
    SubmitPermissionTool(Approvals approvals, PermissionRelay relay, Consumer<ObjectNode> emit) {
        this.approvals = approvals;
        this.relay = relay;
        this.emit = emit;
    }

    @Override
    public String name() {
        return "submit_permission";
    }

    @Override
    public Optional<ToolOutcome> call(JsonNode mcpId, ToolArguments args) {
        if (approvals.active()) {
            throw new ToolFailure("permission prompts go to the configured approver ("
                    + approvals.approvers().values().iterator().next().text()
                    + "), who answers them; this session cannot");
        }
        String requestId = args.required("request_id", "`request_id` is required");
        String decision = args.string("decision").filter(text -> text.equals("allow") || text.equals("deny"))
                .orElseThrow(() -> new ToolFailure("`decision` must be allow or deny"));
        emit.accept(relay.decide(requestId, decision.equals("allow")));
        return Optional.of(ToolOutcome.ok("permission verdict `" + decision + "` sent"));
    }
}
