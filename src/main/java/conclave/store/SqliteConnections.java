package conclave.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connections to one SQLite database and the discipline for using them.
 *
 * <p>SQLite admits one writer at a time, so there is exactly one write connection. Every write is
 * one transaction on it, taken under a fair lock: writers queue in the JVM in arrival order
 * instead of spinning on {@code SQLITE_BUSY}. Write transactions begin {@code IMMEDIATE}, taking the
 * database's write lock up front, so a check-then-write inside a transaction cannot be overtaken,
 * not even by another process (which {@code busy_timeout} then waits for).
 *
 * <p>Reads run in parallel on a fixed set of query-only connections, each handed to one caller at
 * a time; in WAL mode each read sees everything committed before it started. With no reader
 * connections (the in-memory database, whose shared cache locks whole tables and fails instead of
 * waiting) reads take the write connection under the same lock.
 *
 * <p>Thread-safe. Waiting for a reader connection is bounded by {@link #READER_WAIT_SECONDS}.
 */
final class SqliteConnections implements Transactions {
    private static final int BUSY_TIMEOUT_MS = 5_000;
    private static final long READER_WAIT_SECONDS = 30;
    private static final String MIGRATIONS = "classpath:db/migration/sqlite";

    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final List<Connection> all;
    private final Jdbi writer; // guarded by writeLock
    private final int readerCount;
    private final BlockingQueue<Jdbi> idleReaders;
    private volatile boolean closed;

    private SqliteConnections(List<Connection> all, Jdbi writer, int readerCount, BlockingQueue<Jdbi> idleReaders) {
        this.all = all;
        this.writer = writer;
        this.readerCount = readerCount;
        this.idleReaders = idleReaders;
    }

    /**
     * Opens the write connection, brings the schema up to date and opens {@code readerCount}
     * reader connections. The write connection is opened first: for an in-memory database it is
     * what keeps the database alive while Flyway connects.
     */
    static SqliteConnections open(String url, int readerCount) {
        List<Connection> opened = new ArrayList<>();
        try {
            Connection writeConnection = writerConfig().createConnection(url);
            opened.add(writeConnection);
            migrate(url);
            // Stays empty without readers; an ArrayBlockingQueue needs a capacity of at least one.
            BlockingQueue<Jdbi> readers = new ArrayBlockingQueue<>(Math.max(1, readerCount));
            for (int i = 0; i < readerCount; i++) {
                Connection reader = baseConfig().createConnection(url);
                opened.add(reader);
                try (Statement statement = reader.createStatement()) {
                    statement.execute("PRAGMA query_only = true");
                }
                readers.add(over(reader));
            }
            return new SqliteConnections(List.copyOf(opened), over(writeConnection), readerCount, readers);
        } catch (SQLException | FlywayException e) {
            StoreException failure = new StoreException("failed to open the database `" + url + "`", e);
            try {
                closeAll(opened);
            } catch (StoreException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
            throw failure;
        }
    }

    @Override
    public void serialize(Handle handle, String scope) {
        // Nothing to do: every write transaction already runs alone on the one write connection.
    }

    @Override
    public <R> R write(String operation, HandleCallback<R, RuntimeException> work) {
        writeLock.lock();
        try {
            requireOpen();
            return writer.inTransaction(work);
        } catch (JdbiException e) {
            throw new StoreException("failed to " + operation, e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs read-only {@code work} on a reader connection (or the writer, if there are none). */
    @Override
    public <R> R read(String operation, HandleCallback<R, RuntimeException> work) {
        if (readerCount == 0) {
            writeLock.lock();
            try {
                requireOpen();
                return writer.withHandle(work);
            } catch (JdbiException e) {
                throw new StoreException("failed to " + operation, e);
            } finally {
                writeLock.unlock();
            }
        }
        requireOpen();
        Jdbi reader = takeReader(operation);
        try {
            return reader.withHandle(work);
        } catch (JdbiException e) {
            throw new StoreException("failed to " + operation, e);
        } finally {
            idleReaders.add(reader);
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (!closed) {
                closed = true;
                closeAll(all);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private Jdbi takeReader(String operation) {
        try {
            Jdbi reader = idleReaders.poll(READER_WAIT_SECONDS, TimeUnit.SECONDS);
            if (reader == null) {
                throw new StoreException("failed to " + operation + ": no database connection became free within "
                        + READER_WAIT_SECONDS + " s");
            }
            return reader;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("failed to " + operation + ": interrupted while waiting for a connection", e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    private static void migrate(String url) {
        SQLiteDataSource dataSource = new SQLiteDataSource(baseConfig());
        dataSource.setUrl(url);
        Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().migrate();
    }

    /** A Jdbi whose every handle uses this one connection and leaves it open. */
    private static Jdbi over(Connection connection) {
        Jdbi jdbi = Jdbi.create(new ConnectionFactory() {
            @Override
            public Connection openConnection() {
                return connection;
            }

            @Override
            public void closeConnection(Connection toClose) {
                // The connection lives as long as the store; SqliteConnections.close() closes it.
            }
        });
        // Statement errors would otherwise quote the bound values: payloads and tokens.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        return jdbi;
    }

    private static SQLiteConfig baseConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // In WAL mode NORMAL keeps every commit across a process crash; only a power loss can
        // take back the last commits.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        return config;
    }

    private static SQLiteConfig writerConfig() {
        SQLiteConfig config = baseConfig();
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    /** Closes every connection, even after one fails to close, then reports the first failure. */
    private static void closeAll(List<Connection> connections) {
        SQLException first = null;
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw new StoreException("failed to close the database", first);
        }
    }
}
