package conclave.server.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The meeting point of instances that run in one JVM: each joins with an {@link InProcessBus},
 * and what one publishes is queued to every other. Thread-safe.
 */
public final class InProcessExchange {
    private final List<InProcessBus> buses = new CopyOnWriteArrayList<>();

    /** A new bus on this exchange, for one instance. */
    public InProcessBus join() {
        return new InProcessBus(this);
    }

    void attach(InProcessBus bus) {
        buses.add(bus);
    }

    void detach(InProcessBus bus) {
        buses.remove(bus);
    }

    void deliver(InProcessBus from, byte[] message) {
        for (InProcessBus bus : buses) {
            if (bus != from) {
                bus.enqueue(message);
            }
        }
    }
}
