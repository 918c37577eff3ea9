package conclave.store;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An invite to a channel. Empty {@code usesRemaining} means unlimited, empty {@code expiresAt}
 * means it never expires; the store keeps the expiry to the millisecond, so it must lie within
 * the range of epoch milliseconds. {@link #toString()} hides the token.
 */
public record InviteRecord(
        String token, String channel, OptionalLong usesRemaining, Optional<Instant> expiresAt, String createdBy) {
    public InviteRecord {
        if (usesRemaining.isPresent() && usesRemaining.getAsLong() < 0) {
            throw new IllegalArgumentException("invite uses must not be negative");
        }
        if (expiresAt.isPresent() && !fitsEpochMillis(expiresAt.get())) {
            throw new IllegalArgumentException("invite expiry is too far in the future");
        }
    }

    private static boolean fitsEpochMillis(Instant instant) {
        try {
            instant.toEpochMilli();
            return true;
        } catch (ArithmeticException tooFar) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "InviteRecord[token=redacted, channel=" + channel + ", usesRemaining=" + usesRemaining
                + ", expiresAt=" + expiresAt + ", createdBy=" + createdBy + "]";
    }
}
