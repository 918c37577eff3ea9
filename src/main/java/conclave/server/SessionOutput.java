package conclave.server;

import conclave.protocol.Frame;
import conclave.protocol.SessionPath;

/**
 * Where a {@link SessionMachine} sends its frames: the transport in production, a recorder in
 * tests. Implementations are called from one thread at a time per session.
 */
interface SessionOutput {
    /**
     * Queues one frame for the client.
     *
     * @return false if the session's outbound queue is full; the machine then ends the session
     */
    boolean send(Frame frame);

    /** Closes the connection once everything queued so far has been written. */
    void close();

    /** Turns the connection into a hub member under its established path. */
    Member establish(SessionPath path);
}
