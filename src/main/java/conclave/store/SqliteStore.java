package conclave.store;

import conclave.identity.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * The {@link Store} on SQLite: a database file in WAL mode for normal runs, or a private in-memory
 * database for {@code --ephemeral} — the same code either way. The schema is brought up to date by
 * Flyway from {@code db/migration/sqlite} on open.
 *
 * <p>Thread-safe: writes are serialized, one transaction at a time, on a single write connection
 * and are committed before the call returns; reads run in parallel on a fixed set of reader
 * connections (see {@link SqliteConnections}). Creation times come from the injected clock;
 * operations that depend on "now" take it as an argument.
 */
public final class SqliteStore extends JdbiStore {
    /** Name of the database file inside the data directory. */
    public static final String FILE_NAME = "conclave.db";

    private static final int READER_CONNECTIONS = 4;

    private SqliteStore(SqliteConnections db, InstantSource clock) {
        super(db, MessageLog.sqlite(), clock);
    }

    /**
     * Opens (creating if needed) {@value #FILE_NAME} in {@code dataDir}, creating the directory too.
     *
     * @throws StoreException if the directory or the database cannot be opened or migrated
     */
    public static SqliteStore open(Path dataDir, InstantSource clock) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("failed to create the data directory `" + dataDir + "`", e);
        }
        String url = "jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath();
        return new SqliteStore(SqliteConnections.open(url, READER_CONNECTIONS), clock);
    }

    /**
     * Opens a new, empty in-memory database that lives until {@link #close()}. It is named
     * randomly, so every call gets its own.
     */
    public static SqliteStore inMemory(InstantSource clock) {
        String url = "jdbc:sqlite:file:conclave-" + Tokens.generate() + "?mode=memory&cache=shared";
        return new SqliteStore(SqliteConnections.open(url, 0), clock);
    }
}
