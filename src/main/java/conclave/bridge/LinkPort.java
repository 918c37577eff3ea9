package conclave.bridge;

import conclave.protocol.Frame;

/**
 * What the {@link BridgeDispatcher} asks of its links. The runtime implements it with real
 * {@link conclave.client.Link}s; tests record the calls.
 */
interface LinkPort {
    /**
     * Sends {@code request} on the link to {@code server}; the answer comes back as
     * {@link BridgeEvent.CallAnswered} or {@link BridgeEvent.CallFailed} with {@code callId}.
     */
    void request(String server, long callId, Frame request);

    /** The session handle changed; links present it from their next dial on. */
    void handleChanged(String handle);
}
