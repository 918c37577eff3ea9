package conclave.bridge;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whisper texts of the human approver, shared by the bridge and the CLI. No protocol change:
 * they are ordinary plain-text whispers, readable by any client.
 * <ul>
 *   <li>request, from the requesting bridge to the approver: {@code conclave-permission-request
 *       <id>}, a line with a JSON object {@code {"tool_name", "description", "input_preview"}},
 *       then a line saying how to answer;
 *   <li>verdict, from the approver back: {@code conclave-verdict <id> allow|deny};
 *   <li>confirmation, from the requesting bridge to the approver: {@code conclave-verdict-applied
 *       <id> allow|deny} or {@code conclave-verdict-rejected <id>: <reason>}.
 * </ul>
 * Stateless.
 */
public final class ApprovalText {
    static final String REQUEST = "conclave-permission-request";
    static final String VERDICT = "conclave-verdict";
    static final String APPLIED = "conclave-verdict-applied";
    static final String REJECTED = "conclave-verdict-rejected";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern REQUEST_HEAD = Pattern.compile(REQUEST + " ([a-z]{5})");
    private static final Pattern VERDICT_LINE = Pattern.compile(VERDICT + " (\\S*) (\\S*)");
    private static final Pattern CONFIRMATION = Pattern.compile(
            "(?:" + APPLIED + " ([a-z]{5}) (allow|deny)|" + REJECTED + " ([a-z]{5}): (.*))", Pattern.DOTALL);

    /**
     * A permission request as the approver reads it.
     *
     * @param id Claude Code's five-letter request id
     */
    public record Request(String id, String toolName, String description, String inputPreview) {
        public Request {
            requireNonNull(id, "id");
            requireNonNull(toolName, "toolName");
            requireNonNull(description, "description");
            requireNonNull(inputPreview, "inputPreview");
        }
    }

    /**
     * The requesting bridge's answer to a verdict.
     *
     * @param id the request id
     * @param applied whether the verdict reached Claude Code
     * @param detail {@code allow} or {@code deny} when applied, else why it was rejected
     */
    public record Confirmation(String id, boolean applied, String detail) {}

    /** A verdict as the requesting bridge reads it; both fields as sent, unchecked. */
    record Verdict(String id, String decision) {}

    private ApprovalText() {}

    /** The request whisper; {@code requester} is only a hint, the approver trusts the stamped sender. */
    static String request(Request request, String requester) {
        ObjectNode fields = JSON.createObjectNode();
        fields.put("tool_name", request.toolName());
        fields.put("description", request.description());
        fields.put("input_preview", request.inputPreview());
        return REQUEST + " " + request.id() + "\n" + JSON.writeValueAsString(fields) + "\nanswer with: conclave approve "
                + request.id() + " --to " + requester + " (or conclave deny), or whisper `" + verdict(request.id(), true)
                + "` or `" + verdict(request.id(), false) + "` back";
    }

    /** The request in a whisper's text, or empty if the text is not one. */
    public static Optional<Request> parseRequest(String text) {
        String[] lines = text.split("\n", 3);
        Matcher head = REQUEST_HEAD.matcher(lines[0]);
        if (!head.matches() || lines.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode fields = JSON.readTree(lines[1]);
            if (!fields.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new Request(head.group(1), field(fields, "tool_name"), field(fields, "description"),
                    field(fields, "input_preview")));
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    /** The verdict whisper an approver sends. */
    public static String verdict(String id, boolean allow) {
        return VERDICT + " " + id + " " + (allow ? "allow" : "deny");
    }

    /** Whether a whisper's text claims to be a verdict: the bridge handles it and never injects it. */
    static boolean isVerdict(String text) {
        return text.startsWith(VERDICT + " ");
    }

    /** The verdict in a whisper's text, or empty if it does not have the verdict's shape. */
    static Optional<Verdict> parseVerdict(String text) {
        Matcher verdict = VERDICT_LINE.matcher(text.strip());
        return verdict.matches() ? Optional.of(new Verdict(verdict.group(1), verdict.group(2))) : Optional.empty();
    }

    static String applied(String id, boolean allow) {
        return APPLIED + " " + id + " " + (allow ? "allow" : "deny");
    }

    static String rejected(String id, String reason) {
        return REJECTED + " " + id + ": " + reason;
    }

    /** The confirmation in a whisper's text, or empty if the text is not one. */
    public static Optional<Confirmation> parseConfirmation(String text) {
        Matcher confirmation = CONFIRMATION.matcher(text);
        if (!confirmation.matches()) {
            return Optional.empty();
        }
        return confirmation.group(1) != null
                ? Optional.of(new Confirmation(confirmation.group(1), true, confirmation.group(2)))
                : Optional.of(new Confirmation(confirmation.group(3), false, confirmation.group(4)));
    }

    private static String field(JsonNode fields, String name) {
        JsonNode value = fields.get(name);
        return value != null && value.isString() ? value.stringValue() : "";
    }
}
