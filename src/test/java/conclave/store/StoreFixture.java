package conclave.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link SqliteStore} on a fresh database file (WAL, migrated by Flyway) in a temporary
 * directory, as in production; closed and deleted after each test. Register it with
 * {@code @RegisterExtension}.
 */
final class StoreFixture implements BeforeEachCallback, AfterEachCallback {
    static final Instant START = Instant.parse("2026-07-02T10:11:12.345Z");
    /** A cap on channels per creator or invites per channel that tests not about caps never reach. */
    static final int NO_CAP = Integer.MAX_VALUE;

    final MutableClock clock = new MutableClock(START);
    private Path dataDir;
    private SqliteStore store;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("conclave-store-");
        store = SqliteStore.open(dataDir, clock);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            store.close();
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    SqliteStore store() {
        return store;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Closes the store and opens the same database file again, as a restart would. */
    SqliteStore reopen() {
        store.close();
        store = SqliteStore.open(dataDir, clock);
        return store;
    }
}
