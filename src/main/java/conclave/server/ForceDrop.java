package conclave.server;

/** The reasons a server ends a live session, sent as {@code unauthorized: <reason>}. */
final class ForceDrop {
    static final String SUPERSEDED = "session superseded by a newer connection for the same session path";
    static final String IDLE = "idle timeout: no heartbeat";
    static final String SLOW_CONSUMER = "slow consumer: outbound queue overflowed";
    static final String MACHINE_REVOKED = "machine key revoked";
    static final String USER_REMOVED = "user removed from this server";

    private ForceDrop() {}
}
