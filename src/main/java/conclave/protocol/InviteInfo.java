package conclave.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One outstanding invite: its token, the uses left (empty = unlimited) and its expiry as RFC 3339
 * text (empty = never).
 */
public record InviteInfo(String token, Optional<Long> usesRemaining, Optional<String> expiresAt) {
    public InviteInfo {
        requireNonNull(token, "token");
        requireNonNull(usesRemaining, "usesRemaining");
        requireNonNull(expiresAt, "expiresAt");
    }

    /** Redacts the token: it grants access to a channel. */
    @Override
    public String toString() {
        return "InviteInfo[token=<redacted>, usesRemaining="
                + usesRemaining.map(String::valueOf).orElse("unlimited")
                + ", expiresAt=" + expiresAt.orElse("never") + "]";
    }
}
