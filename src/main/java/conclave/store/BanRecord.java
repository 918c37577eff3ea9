package conclave.store;

/** A username banned from a channel; the user need not be registered. */
public record BanRecord(String channel, String username) {}
