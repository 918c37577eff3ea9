package conclave.server.load;

import java.util.List;

/**
 * A server under test in the fan-out shape (one publisher, N subscribers on one channel or
 * subject), reached through its own client. {@link FanOutBench} drives it; implementations only
 * connect, publish and report.
 *
 * <p>{@link #publish} is called from the one publisher thread; the rest from the thread that
 * opened the system.
 */
interface FanOutSystem extends AutoCloseable {
    /** A short name for reports. */
    String name();

    /** CPU time the server process(es) have used so far. */
    java.time.Duration serverCpuTime();

    /** Sends these message bodies in order, as one batch if the client can. Never blocks on the server. */
    void publish(List<byte[]> bodies);

    /** Messages the server confirmed to the publisher so far (conclave's acks), or -1 if it has none. */
    long confirmed();

    /** Replies to the publisher that were not confirmations. */
    long publishErrors();

    /** How the client side is built, for reports (threads, connections). */
    String clientDescription();

    @Override
    void close() throws Exception;
}
