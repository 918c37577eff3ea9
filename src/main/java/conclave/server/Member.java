package conclave.server;

import conclave.protocol.SessionPath;

/**
 * One established session as the {@link Hub} sees it: where it lives, how to push a frame to it
 * and how to end it. Implementations are thread-safe; every method may be called from any thread
 * and none blocks.
 */
interface Member {
    /** The session's full path, stamped at the handshake. */
    SessionPath path();

    /**
     * Queues a pushed frame for delivery.
     *
     * @return false if the session's outbound queue is full or already closed; the caller then
     *     ends the session as a slow consumer
     */
    boolean offer(SharedFrame frame);

    /**
     * Queues one frame of a fan-out: like {@link #offer(SharedFrame)}, except that the delivery
     * may wait until the caller submits {@code batch}, so that one message to many sessions costs
     * one hand-off per event loop, and that an implementation may accept the frame now and find
     * its queue full at delivery, ending the session as a slow consumer itself.
     *
     * @return false if the session's outbound queue is full or already closed; the caller then
     *     ends the session as a slow consumer
     */
    default boolean offer(SharedFrame frame, FanOutBatch batch) {
        return offer(frame);
    }

    /**
     * Ends the session with an {@code unauthorized} error carrying {@code reason}, then closes
     * it. The first reason wins; later calls do nothing.
     */
    void kill(String reason);

    /** Whether {@link #kill} was called; a killed session's remaining requests are not answered. */
    boolean isKilled();

    /** The last time, in ticker nanoseconds, that any frame arrived from the client. */
    long lastSeenNanos();
}
