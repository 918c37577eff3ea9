package conclave.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/** SQL for the {@code users} table. Stateless; runs on the caller's handle and transaction. */
final class Users {
    Optional<UserRecord> find(Handle handle, String username) {
        return handle.createQuery("SELECT username, created_at_ms FROM users WHERE username = :username")
                .bind("username", username)
                .map((rs, ctx) -> new UserRecord(rs.getString("username"), Instant.ofEpochMilli(rs.getLong("created_at_ms"))))
                .findOne();
    }

    List<String> listNames(Handle handle) {
        return handle.createQuery("SELECT username FROM users ORDER BY username")
                .mapTo(String.class)
                .list();
    }

    OptionalLong idOf(Handle handle, String username) {
        return handle.createQuery("SELECT id FROM users WHERE username = :username")
                .bind("username", username)
                .mapTo(Long.class)
                .findOne()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /** Inserts a user and returns its id, or empty if the name is taken. */
    OptionalLong insert(Handle handle, String username, long nowMs) {
        return handle.createQuery("""
                        INSERT INTO users (username, created_at_ms) VALUES (:username, :now)
                        ON CONFLICT DO NOTHING
                        RETURNING id""")
                .bind("username", username)
                .bind("now", nowMs)
                .mapTo(Long.class)
                .findOne()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /** Deletes the user row; their machines go with it (foreign-key cascade). */
    boolean delete(Handle handle, String username) {
        return handle.createUpdate("DELETE FROM users WHERE username = :username")
                .bind("username", username)
                .execute() > 0;
    }
}
