/**
 * Durable state: the {@link conclave.store.Store} interface (users, machines, channels,
 * memberships, invites, bans, seven days of message history, the instance id) and its two
 * implementations, {@link conclave.store.SqliteStore} and {@link conclave.store.PostgresStore},
 * which share their SQL ({@code JdbiStore} and one class per table) and keep their own Flyway
 * migrations ({@code db/migration/sqlite}, {@code db/migration/postgresql}).
 * {@link conclave.store.StoreLocation} says which one a server opens.
 *
 * <p>Depends on protocol ({@code Visibility}) and identity (public keys, tokens). Calls are
 * blocking JDBC and thread-safe: on SQLite writes are serialized on one connection and reads run
 * in parallel (see {@code SqliteConnections}); on PostgreSQL a pool runs both in parallel and a
 * transaction that loses a race with another server is retried (see {@code PostgresConnections});
 * callers keep them off event loops. User mistakes come back as result values
 * ({@link conclave.store.Redemption}, {@link conclave.store.RegisterResult}, …), infrastructure
 * failures as {@link conclave.store.StoreException}. Start with {@code Store}, {@code JdbiStore}
 * and {@code V1__schema.sql}.
 */
package conclave.store;
