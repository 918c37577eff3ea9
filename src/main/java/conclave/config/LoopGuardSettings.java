package conclave.config;

/**
 * The bridge's loop guard, the {@code [loop_guard]} table of config.toml: how many messages a
 * session may send into one scope (a channel, or whispers to one session) within a sliding window
 * without a message from a human before that scope drops to {@code notify}, and how soon a reply
 * must follow an agent's message to count as a turn of an agent conversation. Immutable.
 *
 * @param maxMessages messages per scope and window; 0 turns the guard off
 * @param windowSecs the sliding window, in seconds
 * @param replySecs a message sent this soon after an agent's message is a conversation turn
 */
public record LoopGuardSettings(int maxMessages, long windowSecs, long replySecs) {
    /** 20 messages in 10 minutes; a reply within 30 s is a turn. */
    public static final LoopGuardSettings DEFAULT = new LoopGuardSettings(20, 600, 30);
    static final int MAX_MESSAGES = 10_000;
    static final long MAX_WINDOW_SECS = 86_400;
    static final long MAX_REPLY_SECS = 3_600;

    /** @throws ConfigValueException naming the key and its range */
    public LoopGuardSettings {
        ValueRules.range("max_messages", maxMessages, 0, MAX_MESSAGES);
        ValueRules.range("window_secs", windowSecs, 1, MAX_WINDOW_SECS);
        ValueRules.range("reply_secs", replySecs, 1, MAX_REPLY_SECS);
    }

    /** Whether the guard counts at all ({@code max_messages = 0} turns it off). */
    public boolean enabled() {
        return maxMessages > 0;
    }
}
