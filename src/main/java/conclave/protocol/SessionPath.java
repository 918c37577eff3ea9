package conclave.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The full address of one live session: {@code user/machine/session}.
 *
 * <p>The record checks structure only (no nulls). The server admits only names that pass
 * {@link Names}, so every path it creates has three non-empty parts without {@code /} and its
 * {@link #text()} form parses back; a path decoded from bincode may hold anything, which is why
 * the server ignores client-supplied paths and stamps its own.
 */
public record SessionPath(String user, String machine, String session) {
    /**
     * The {@code from} of a JSON {@code channel_msg} or {@code whisper} that omitted it. Clients
     * may leave {@code from} out because the server ignores it and stamps the sender's real path;
     * this value stands in until then. It is the only path with empty parts the JSON codec emits
     * by omission rather than as text.
     */
    public static final SessionPath UNSTAMPED = new SessionPath("", "", "");

    public SessionPath {
        requireNonNull(user, "user");
        requireNonNull(machine, "machine");
        requireNonNull(session, "session");
    }

    /**
     * Parses the text form: exactly three non-empty {@code /}-separated parts.
     *
     * @return the path, or empty if {@code text} does not have that shape
     */
    public static Optional<SessionPath> parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SessionPath(parts[0], parts[1], parts[2]));
    }

    /**
     * A whisper target that names a user rather than one session (extension {@code inbox}): the
     * username with empty machine and session parts, which no live session can have.
     */
    public static SessionPath ofUser(String username) {
        requireNonNull(username, "username");
        return new SessionPath(username, "", "");
    }

    /** True for a target made by {@link #ofUser}: a non-empty user, empty machine and session. */
    public boolean isUserOnly() {
        return !user.isEmpty() && machine.isEmpty() && session.isEmpty();
    }

    /** How a whisper target is written: the username alone when {@link #isUserOnly()}, else {@link #text()}. */
    public String address() {
        return isUserOnly() ? user : text();
    }

    /** True for {@link #UNSTAMPED}. */
    public boolean isUnstamped() {
        return equals(UNSTAMPED);
    }

    /** The text form {@code user/machine/session}. */
    public String text() {
        return user + '/' + machine + '/' + session;
    }

    /** The text form: paths are identities, not secrets, and read best as text in logs. */
    @Override
    public String toString() {
        return text();
    }
}
