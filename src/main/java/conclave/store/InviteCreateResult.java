package conclave.store;

/** Outcome of storing a new invite. */
public enum InviteCreateResult {
    CREATED,
    NO_SUCH_CHANNEL,
    TOKEN_TAKEN,
    /** The channel already has as many outstanding invites as the cap allows. */
    LIMIT_REACHED
}
