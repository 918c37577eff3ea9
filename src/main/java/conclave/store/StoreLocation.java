package conclave.store;

import java.nio.file.Path;
import java.time.InstantSource;

/**
 * Where a server keeps its data: SQLite in a data directory (the default), SQLite in memory
 * ({@code --ephemeral}) or a PostgreSQL database ({@code --store}). {@link #toString()} is what the
 * log shows and never contains a password.
 */
public sealed interface StoreLocation {
    /** Opens (creating or migrating as needed) the store here. */
    Store open(InstantSource clock);

    /** {@value SqliteStore#FILE_NAME} in a data directory. */
    record DataDirectory(Path dir) implements StoreLocation {
        @Override
        public Store open(InstantSource clock) {
            return SqliteStore.open(dir, clock);
        }

        @Override
        public String toString() {
            return "data_dir=" + dir.toAbsolutePath();
        }
    }

    /** A private in-memory database, lost on exit. */
    record InMemory() implements StoreLocation {
        @Override
        public Store open(InstantSource clock) {
            return SqliteStore.inMemory(clock);
        }

        @Override
        public String toString() {
            return "in_memory";
        }
    }

    /** A PostgreSQL database, possibly shared with other servers. */
    record Postgres(PostgresUrl url) implements StoreLocation {
        @Override
        public Store open(InstantSource clock) {
            return PostgresStore.open(url, clock);
        }

        @Override
        public String toString() {
            return "postgresql=" + url.masked();
        }
    }
}
