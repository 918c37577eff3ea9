/**
 * Durable state: the {@code Store} interface (users, machines, channels, memberships, invites,
 * bans, message history, instance id) and its SQLite implementation with Flyway migrations.
 *
 * <p>Depends on protocol and identity. Calls are blocking JDBC and thread-safe; callers keep them
 * off event loops. User mistakes come back as result values, infrastructure failures as
 * {@code StoreException}.
 */
package conclave.store;
