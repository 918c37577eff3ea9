package conclave.store;

/** Outcome of creating a channel. */
public enum ChannelCreateResult {
    CREATED,
    NAME_TAKEN
}
