package conclave.store;

/** Outcome of renaming a channel; nothing changes unless {@link #RENAMED}. */
public enum ChannelRenameResult {
    RENAMED,
    NO_SUCH_CHANNEL,
    NAME_TAKEN
}
