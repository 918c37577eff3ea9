package conclave.store;

import java.util.OptionalLong;

/**
 * Outcome of redeeming an invite token for a channel. Only {@link Redeemed} admits the user (and
 * has already added their membership); every other outcome is a refusal.
 */
public sealed interface Redemption {
    /** Accepted; {@code usesRemaining} is what is left afterwards (empty: unlimited). */
    record Redeemed(OptionalLong usesRemaining) implements Redemption {}

    /** The invite had expired; it has been deleted. */
    record Expired() implements Redemption {}

    /** The invite has no uses left. */
    record Exhausted() implements Redemption {}

    /** No such token, or the token belongs to another channel; nothing was touched. */
    record UnknownToken() implements Redemption {}
}
