package conclave.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * How much a Claude Code session may do with what arrives in one scope, in ascending order of
 * autonomy: {@code mute} drops inbound traffic, {@code notify} (the default) shows it to the
 * human only, {@code converse} may also reply and whisper, {@code act} may also act on it.
 * Levels are local to this machine and never sent to a server.
 */
public enum PermissionLevel {
    MUTE("mute"),
    NOTIFY("notify"),
    CONVERSE("converse"),
    ACT("act");

    /** The level of every scope without an override, unless config.toml says otherwise. */
    public static final PermissionLevel DEFAULT = NOTIFY;

    private final String text;

    PermissionLevel(String text) {
        this.text = text;
    }

    /** The lower-case name used in config.toml, on the command line and in MCP tools. */
    public String text() {
        return text;
    }

    /** Whether a session at this level may post and whisper ({@code converse} and {@code act}). */
    public boolean mayEmit() {
        return isAtLeast(CONVERSE);
    }

    /** Whether this level grants at least as much autonomy as {@code other}. */
    public boolean isAtLeast(PermissionLevel other) {
        return compareTo(other) >= 0;
    }

    /** The level spelt exactly {@code text} (lower case), if there is one. */
    public static Optional<PermissionLevel> fromText(String text) {
        return Arrays.stream(values()).filter(level -> level.text.equals(text)).findFirst();
    }

    /**
     * The level spelt exactly {@code text}, for input typed by a person or an agent.
     *
     * @throws IllegalArgumentException {@code unknown permission level `x` (expected mute, notify,
     *     converse, or act)} otherwise
     */
    public static PermissionLevel parse(String text) {
        return fromText(text).orElseThrow(() -> new IllegalArgumentException(
                "unknown permission level `" + text + "` (expected mute, notify, converse, or act)"));
    }

    @Override
    public String toString() {
        return text;
    }
}
