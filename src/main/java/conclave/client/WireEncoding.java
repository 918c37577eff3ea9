package conclave.client;

/**
 * How frames travel on a connection: the client's first message fixes it for the connection's
 * whole life (PROTOCOL.md §2).
 */
public enum WireEncoding {
    /** Bincode on binary WebSocket messages, byte-compatible with the Rust original; the default. */
    BINCODE,
    /** One JSON object per text WebSocket message. */
    JSON
}
