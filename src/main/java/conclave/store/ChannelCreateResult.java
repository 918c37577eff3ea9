package conclave.store;

/** Outcome of creating a channel. */
public enum ChannelCreateResult {
    CREATED,
    NAME_TAKEN,
    /** The creator already has as many channels as the cap allows. */
    LIMIT_REACHED
}
