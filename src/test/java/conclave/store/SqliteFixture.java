package conclave.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link SqliteStore} on a fresh database file (WAL, migrated by Flyway) in a temporary
 * directory, as in production; deleted after the test. SQLite-only tests register it with
 * {@code @RegisterExtension}.
 */
final class SqliteFixture extends StoreFixture implements BeforeEachCallback, AfterEachCallback {
    private final Path dataDir;

    SqliteFixture() {
        try {
            dataDir = Files.createTempDirectory("conclave-store-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary data directory", e);
        }
    }

    @Override
    Store open() {
        return SqliteStore.open(dataDir, clock);
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    void cleanUp() throws IOException {
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        close();
    }
}
