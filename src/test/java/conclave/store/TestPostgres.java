package conclave.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (zonky's embedded binaries, from a Maven artifact, run
 * from a temporary directory), started on first use and stopped when the JVM exits. Tests get
 * their own databases on it.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres server;

    private TestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** The JVM-wide server, started on the first call. */
    public static TestPostgres shared() {
        return Holder.INSTANCE;
    }

    /** Creates a new, empty database and returns its store URL (user {@code postgres}, no password). */
    public PostgresUrl newDatabase(String prefix) {
        return url(createDatabase(prefix));
    }

    /** Creates a new, empty database named {@code prefix_N} and returns its name. */
    public String createDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        execute("CREATE DATABASE " + name);
        return name;
    }

    /** The store URL of an existing database on this server. */
    public PostgresUrl url(String database) {
        return PostgresUrl.parse(server.getJdbcUrl("postgres", database), Map.of());
    }

    /** Runs one statement as superuser in the {@code postgres} database. */
    public void execute(String sql) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test PostgreSQL refused: " + sql, e);
        }
    }

    /** The port the server listens on (loopback). */
    public int port() {
        return server.getPort();
    }

    private static final class Holder {
        static final TestPostgres INSTANCE = start();

        private static TestPostgres start() {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        // The JVM is exiting; zonky's own cleanup removes what is left.
                    }
                }, "test-postgres-stop"));
                return new TestPostgres(server);
            } catch (IOException e) {
                throw new UncheckedIOException("failed to start the embedded PostgreSQL", e);
            }
        }
    }
}
