package conclave.server.cluster;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One instance's place on an {@link InProcessExchange}: messages from the others queue up to
 * {@value #QUEUE} deep and reach the receiver on this bus's own thread, in each publisher's order.
 * A full queue drops the message, as a network bus loses what a slow receiver cannot take.
 */
public final class InProcessBus implements ClusterBus {
    static final int QUEUE = 65_536;

    private final InProcessExchange exchange;
    private final ThreadPoolExecutor inbound = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), new DefaultThreadFactory("conclave-bus-in-process", true));
    private volatile Consumer<byte[]> receiver;

    InProcessBus(InProcessExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void open(Consumer<byte[]> receiver) {
        this.receiver = receiver;
        exchange.attach(this);
    }

    @Override
    public void publish(List<byte[]> messages) {
        if (inbound.isShutdown()) {
            throw new ClusterBusException("the in-process bus is closed");
        }
        for (byte[] message : messages) {
            exchange.deliver(this, message);
        }
    }

    void enqueue(byte[] message) {
        try {
            inbound.execute(() -> receiver.accept(message));
        } catch (RejectedExecutionException fullOrClosed) {
            // lost, as on a network bus; the layers above recover from gaps
        }
    }

    @Override
    public void close() {
        exchange.detach(this);
        inbound.shutdownNow();
    }
}
