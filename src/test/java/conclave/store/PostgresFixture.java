package conclave.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@link PostgresStore} on the shared embedded PostgreSQL: every fixture uses one database,
 * emptied when the fixture starts, so the schema is migrated once per JVM and each test still
 * begins with nothing in it.
 */
final class PostgresFixture extends StoreFixture {
    private static final String TABLES = "users, machines, channels, memberships, invites, bans, messages, meta, inbox_whispers";
    private static final PostgresUrl DATABASE = TestPostgres.shared().newDatabase("contract");

    @Override
    Store open() {
        return PostgresStore.open(DATABASE, clock);
    }

    /** Opens the first store (migrating on first use), then empties every table. */
    void startEmpty() {
        start();
        truncate();
    }

    @Override
    void cleanUp() {
        // The next fixture empties the tables when it starts; the database outlives the test.
    }

    private static void truncate() {
        try (Connection connection = DriverManager.getConnection(DATABASE.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + TABLES + " RESTART IDENTITY CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the contract database", e);
        }
    }
}
