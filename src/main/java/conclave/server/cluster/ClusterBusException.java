package conclave.server.cluster;

/** The transport under a {@link ClusterBus} failed: unreachable, refused or cut. */
public final class ClusterBusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterBusException(String message, Throwable cause) {
        super(message, cause);
    }

    public ClusterBusException(String message) {
        super(message);
    }
}
