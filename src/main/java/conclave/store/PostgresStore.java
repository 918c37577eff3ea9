package conclave.store;

import java.time.InstantSource;

/**
 * The {@link Store} on PostgreSQL, for running several servers on one database. The schema is
 * brought up to date by Flyway from {@code db/migration/postgresql} on open; the SQL is the same as
 * {@link SqliteStore}'s but for appending history (see {@link MessageLog}).
 *
 * <p>Thread-safe, and safe to open any number of times on one database (from several servers):
 * every write decides inside its own transaction, and one that loses a race with another store
 * is retried (see {@link PostgresConnections}). Creation times come from the injected clock;
 * operations that depend on "now" take it as an argument.
 */
public final class PostgresStore extends JdbiStore {
    private PostgresStore(PostgresConnections db, InstantSource clock) {
        super(db, MessageLog.postgresql(), clock);
    }

    /**
     * Connects to the database and migrates its schema.
     *
     * @throws StoreException if the database cannot be reached or migrated
     */
    public static PostgresStore open(PostgresUrl url, InstantSource clock) {
        return new PostgresStore(PostgresConnections.open(url), clock);
    }
}
