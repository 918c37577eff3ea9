package conclave.store;

import conclave.identity.Ed25519PublicKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for the {@code machines} table. Stateless; runs on the caller's handle and transaction. */
final class Machines {
    private static final String SELECT = """
            SELECT u.username, m.name, m.public_key, m.added_at_ms
            FROM machines m JOIN users u ON u.id = m.user_id
            """;

    Optional<MachineRecord> findByKey(Handle handle, Ed25519PublicKey publicKey) {
        return handle.createQuery(SELECT + "WHERE m.public_key = :key")
                .bind("key", publicKey.text())
                .map((rs, ctx) -> machine(rs))
                .findOne();
    }

    List<MachineRecord> listOf(Handle handle, String username) {
        return handle.createQuery(SELECT + "WHERE u.username = :username ORDER BY m.name")
                .bind("username", username)
                .map((rs, ctx) -> machine(rs))
                .list();
    }

    boolean nameTaken(Handle handle, long userId, String name) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM machines WHERE user_id = :user AND name = :name)")
                .bind("user", userId)
                .bind("name", name)
                .mapTo(Boolean.class)
                .one();
    }

    boolean keyEnrolled(Handle handle, Ed25519PublicKey publicKey) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM machines WHERE public_key = :key)")
                .bind("key", publicKey.text())
                .mapTo(Boolean.class)
                .one();
    }

    /** Inserts a machine; {@code false} if its name (for this user) or its key is taken. */
    boolean insert(Handle handle, long userId, String name, Ed25519PublicKey publicKey, long nowMs) {
        return handle.createUpdate("""
                        INSERT INTO machines (user_id, name, public_key, added_at_ms)
                        VALUES (:user, :name, :key, :now)
                        ON CONFLICT DO NOTHING""")
                .bind("user", userId)
                .bind("name", name)
                .bind("key", publicKey.text())
                .bind("now", nowMs)
                .execute() > 0;
    }

    boolean delete(Handle handle, String username, String name) {
        return handle.createUpdate("""
                        DELETE FROM machines
                        WHERE name = :name AND user_id = (SELECT id FROM users WHERE username = :username)""")
                .bind("username", username)
                .bind("name", name)
                .execute() > 0;
    }

    private static MachineRecord machine(ResultSet rs) throws SQLException {
        return new MachineRecord(
                rs.getString("username"),
                rs.getString("name"),
                Ed25519PublicKey.parse(rs.getString("public_key")),
                Instant.ofEpochMilli(rs.getLong("added_at_ms")));
    }
}
