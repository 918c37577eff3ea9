package conclave.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records a link's events in order; each take waits with a deadline, and {@link #assertExhausted}
 * checks nothing was left unexamined.
 */
final class LinkRecorder implements LinkListener {
    private final BlockingQueue<LinkEvent> events = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    @Override
    public void onEvent(LinkEvent event) {
        synchronized (threads) {
            threads.add(Thread.currentThread());
        }
        events.add(event);
    }

    LinkEvent next() throws InterruptedException {
        LinkEvent event = events.poll(Awaits.LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("a link event within %s", Awaits.LIMIT).isNotNull();
        return event;
    }

    <T extends LinkEvent> T next(Class<T> type) throws InterruptedException {
        LinkEvent event = next();
        assertThat(event).isInstanceOf(type);
        return type.cast(event);
    }

    /** Skips events of other types until one of {@code type} arrives. */
    <T extends LinkEvent> T skipTo(Class<T> type) throws InterruptedException {
        while (true) {
            LinkEvent event = next();
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
    }

    void assertExhausted() throws InterruptedException {
        assertThat(events.poll(50, TimeUnit.MILLISECONDS)).as("no further link event").isNull();
    }

    boolean silentFor(Duration quiet) throws InterruptedException {
        return events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    /** Every thread that delivered an event so far. */
    List<Thread> threads() {
        synchronized (threads) {
            return List.copyOf(threads);
        }
    }
}
