package conclave.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * A pool of connections (HikariCP) to one PostgreSQL database and the discipline for using them.
 *
 * <p>Unlike SQLite, PostgreSQL runs writers in parallel, including the writers of other servers on
 * the same database, each transaction at READ COMMITTED. A transaction that loses a race can fail
 * where a serialized one would have seen the winner's row: a unique or foreign-key violation
 * (two stores inserting the same name, a channel deleted under a grant), a serialization failure
 * or a deadlock. Such a transaction is retried from the start, up to {@link #ATTEMPTS} times;
 * the retry sees the winner's committed row and takes the ordinary path (a {@code NAME_TAKEN},
 * an absent channel).
 *
 * <p>Thread-safe. Waiting for a pooled connection is bounded by {@link #CONNECTION_WAIT_MS};
 * connecting and every socket read have deadlines too.
 */
final class PostgresConnections implements Transactions {
    /** Connections per store; the server runs store work on 8 request threads. */
    static final int POOL_SIZE = 8;

    private static final long CONNECTION_WAIT_MS = 30_000;
    private static final String CONNECT_TIMEOUT_S = "10";
    /** No statement of the store runs near this long; a dead peer is noticed by then. */
    private static final String SOCKET_TIMEOUT_S = "60";
    private static final int ATTEMPTS = 5;
    private static final String MIGRATIONS = "classpath:db/migration/postgresql";

    /** SQLSTATEs of a transaction that lost a race: unique and foreign-key violations, serialization failure, deadlock. */
    private static final Set<String> RACE_LOST = Set.of("23505", "23503", "40001", "40P01");

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private PostgresConnections(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        // Statement errors would otherwise quote the bound values: payloads and tokens.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    }

    /** Connects, brings the schema up to date (Flyway locks out concurrent migrators) and returns the pool. */
    static PostgresConnections open(PostgresUrl url) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config(url));
        } catch (RuntimeException e) {
            throw new StoreException("failed to connect to the PostgreSQL store `" + url.masked() + "`", e);
        }
        try {
            Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
            return new PostgresConnections(pool);
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("failed to migrate the PostgreSQL store `" + url.masked() + "`", e);
        }
    }

    @Override
    public <R> R write(String operation, HandleCallback<R, RuntimeException> work) {
        requireOpen();
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(work);
            } catch (JdbiException e) {
                if (attempt >= ATTEMPTS || !lostARace(e)) {
                    throw new StoreException("failed to " + operation, e);
                }
            }
        }
    }

    @Override
    public void serialize(Handle handle, String scope) {
        // A transaction-scoped advisory lock: released at commit or rollback, on every server.
        handle.createQuery("SELECT pg_advisory_xact_lock(hashtext(:scope))").bind("scope", scope)
                .map((rs, ctx) -> Boolean.TRUE) // the function returns void
                .one();
    }

    @Override
    public <R> R read(String operation, HandleCallback<R, RuntimeException> work) {
        requireOpen();
        try {
            return jdbi.withHandle(work);
        } catch (JdbiException e) {
            throw new StoreException("failed to " + operation, e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private void requireOpen() {
        if (pool.isClosed()) {
            throw new IllegalStateException("the store is closed");
        }
    }

    private static boolean lostARace(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && RACE_LOST.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static HikariConfig config(PostgresUrl url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("conclave-store");
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setConnectionTimeout(CONNECTION_WAIT_MS);
        // Parameters in the URL win over these defaults.
        config.addDataSourceProperty("connectTimeout", CONNECT_TIMEOUT_S);
        config.addDataSourceProperty("socketTimeout", SOCKET_TIMEOUT_S);
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "conclave");
        return config;
    }
}
