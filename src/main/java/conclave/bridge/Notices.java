package conclave.bridge;

import static conclave.bridge.Escaping.markup;

import conclave.protocol.ReceiptState;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bridge's own messages to the session (reference/bridge.md §3.8): link trouble, renames,
 * duplicate servers, server errors and receipts for queued whispers. They bypass the autonomy policy; everything that came from
 * outside (URLs, handles, server text) is escaped like message bodies (SPEC §6.15). Stateless.
 */
final class Notices {
    private Notices() {}

    static ObjectNode disconnected(String server) {
        return link(server, "Disconnected from `" + markup(server) + "` — reconnecting.");
    }

    static ObjectNode reconnected(String server) {
        return link(server, "Reconnected to `" + markup(server) + "`.");
    }

    static ObjectNode renamed(String server, String oldHandle, String newHandle) {
        return link(server, "Another live session holds the handle `" + markup(oldHandle) + "`; reconnecting to `"
                + markup(server) + "` as `" + markup(newHandle) + "`. Pass `--as` to pin a name.");
    }

    static ObjectNode flapping(String server, String handle) {
        return link(server, "The link to `" + markup(server) + "` keeps dropping right after connecting. If another"
                + " live session uses the handle `" + markup(handle) + "`, the two supersede each other: start one"
                + " of them with a distinct `--as`. Going quiet until the link stabilises.");
    }

    static ObjectNode duplicate(String server, String canonical) {
        return link(server, "`" + markup(server) + "` is the same server as `" + markup(canonical)
                + "` — this duplicate link is disabled; target `" + markup(canonical) + "` instead.");
    }

    static ObjectNode unreachable(String server, int attempts, String reason) {
        return link(server, "Cannot connect to `" + markup(server) + "` (" + attempts + " attempts in a row): "
                + markup(reason) + " — still retrying.");
    }

    /**
     * The loop guard dropped a scope to {@code notify}.
     *
     * @param scope what was dropped, e.g. {@code #ops} or {@code whispers}
     * @param sent what was counted, e.g. {@code 20 messages to #ops}
     * @param restore the {@code set_perm} arguments that raise the scope again
     */
    static ObjectNode loopGuard(String server, String scope, String sent, long windowSecs, String restore) {
        return notice(server, "loop_guard", "Loop guard: this session sent " + markup(sent) + " on `" + markup(server)
                + "` within " + windowSecs + " s without a message from a human, so " + markup(scope)
                + " dropped to `notify` for the rest of this session: keep reading, but do not reply. Only if your"
                + " human asks, restore it with set_perm " + markup(restore) + ".");
    }

    /** News of a permission request sent to the human approver, or of their verdict. */
    static ObjectNode approval(String server, String text) {
        return notice(server, "approval", markup(text));
    }

    /** A receipt for a whisper this session queued: delivered to, or read by, its recipient. */
    static ObjectNode receipt(String server, long messageId, Optional<String> target, ReceiptState state) {
        String whisper = target.map(path -> "Your queued whisper to `" + markup(path) + "`")
                .orElse("Your queued whisper " + Long.toUnsignedString(messageId));
        String what = state == ReceiptState.READ ? " was read." : " was delivered.";
        return notice(server, "receipt", whisper + " on `" + markup(server) + "`" + what);
    }

    static ObjectNode serverError(String server, String error) {
        return notice(server, "error", "Server `" + markup(server) + "` error: " + markup(error));
    }

    private static ObjectNode link(String server, String content) {
        return notice(server, "link", content);
    }

    private static ObjectNode notice(String server, String kind, String content) {
        Map<String, String> meta = new TreeMap<>();
        meta.put("server", server);
        meta.put("kind", kind);
        return McpMessages.channelNotification(content, meta);
    }
}
