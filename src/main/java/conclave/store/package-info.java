/**
 * Durable state: the {@link conclave.store.Store} interface (users, machines, channels,
 * memberships, invites, bans, seven days of message history, the instance id) and its SQLite
 * implementation, {@link conclave.store.SqliteStore}, whose schema Flyway migrates from
 * {@code db/migration/sqlite}.
 *
 * <p>Depends on protocol ({@code Visibility}) and identity (public keys, tokens). Calls are
 * blocking JDBC and thread-safe: writes are serialized on one connection, reads run in parallel
 * (see {@code SqliteConnections}); callers keep them off event loops. User mistakes come back as
 * result values ({@link conclave.store.Redemption}, {@link conclave.store.RegisterResult}, …),
 * infrastructure failures as {@link conclave.store.StoreException}. Start with {@code Store},
 * {@code SqliteStore} and {@code V1__schema.sql}.
 */
package conclave.store;
