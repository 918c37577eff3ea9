package conclave.store;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The store a test runs against, fresh for each test, on one backend: {@link #store()} plus, for
 * restarts and multi-server tests, further stores on the same database. Everything it opened is
 * closed by {@link #close()}.
 */
abstract class StoreFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2026-07-02T10:11:12.345Z");
    /** A cap on channels per creator or invites per channel that tests not about caps never reach. */
    static final int NO_CAP = Integer.MAX_VALUE;

    final MutableClock clock = new MutableClock(START);
    private final List<Store> others = new ArrayList<>();
    private Store store;

    /** Opens a new store object on this fixture's database, migrating it if needed. */
    abstract Store open();

    /** Drops what the database holds, once every store is closed. */
    abstract void cleanUp() throws IOException;

    /** Opens the fixture's first store; call once before the test. */
    final void start() {
        store = open();
    }

    final Store store() {
        return store;
    }

    /** Closes the store and opens the same database again, as a restart would. */
    final Store reopen() {
        store.close();
        store = open();
        return store;
    }

    /** Another store on the same database, as another server would have; closed with the fixture. */
    final Store openAnother() {
        Store another = open();
        others.add(another);
        return another;
    }

    @Override
    public final void close() throws IOException {
        try {
            others.forEach(Store::close);
            if (store != null) {
                store.close();
            }
        } finally {
            cleanUp();
        }
    }
}
