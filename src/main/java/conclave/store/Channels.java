package conclave.store;

import conclave.protocol.Visibility;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * SQL for the {@code channels} table. Memberships, invites, bans and messages reference a channel
 * by id with {@code ON DELETE CASCADE}, so a rename touches one row and a delete takes everything
 * with it. Stateless; runs on the caller's handle and transaction.
 */
final class Channels {
    private static final String SELECT = "SELECT name, visibility, created_by, created_at_ms FROM channels ";

    Optional<ChannelRecord> find(Handle handle, String name) {
        return handle.createQuery(SELECT + "WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> channel(rs))
                .findOne();
    }

    List<ChannelRecord> listAll(Handle handle) {
        return handle.createQuery(SELECT + "ORDER BY name")
                .map((rs, ctx) -> channel(rs))
                .list();
    }

    List<String> namesCreatedBy(Handle handle, String username) {
        return handle.createQuery("SELECT name FROM channels WHERE created_by = :username ORDER BY name")
                .bind("username", username)
                .mapTo(String.class)
                .list();
    }

    int countCreatedBy(Handle handle, String username) {
        return handle.createQuery("SELECT COUNT(*) FROM channels WHERE created_by = :username")
                .bind("username", username)
                .mapTo(Integer.class)
                .one();
    }

    OptionalLong idOf(Handle handle, String name) {
        return handle.createQuery("SELECT id FROM channels WHERE name = :name")
                .bind("name", name)
                .mapTo(Long.class)
                .findOne()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /** Inserts a channel and returns its id, or empty if the name is taken. */
    OptionalLong insert(Handle handle, String name, Visibility visibility, String creator, long nowMs) {
        return handle.createQuery("""
                        INSERT INTO channels (name, visibility, created_by, created_at_ms)
                        VALUES (:name, :visibility, :creator, :now)
                        ON CONFLICT DO NOTHING
                        RETURNING id""")
                .bind("name", name)
                .bind("visibility", visibility.word())
                .bind("creator", creator)
                .bind("now", nowMs)
                .mapTo(Long.class)
                .findOne()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    ChannelRenameResult rename(Handle handle, String name, String newName) {
        // Skips the row instead of failing when the new name is taken (by another channel). A
        // rename racing another store to the same name fails on the unique constraint instead,
        // and the retried transaction then lands here.
        int renamed = handle.createUpdate("""
                        UPDATE channels SET name = :newName
                        WHERE name = :name
                          AND (:name = :newName OR NOT EXISTS (SELECT 1 FROM channels WHERE name = :newName))""")
                .bind("name", name)
                .bind("newName", newName)
                .execute();
        if (renamed > 0) {
            return ChannelRenameResult.RENAMED;
        }
        return idOf(handle, name).isPresent() ? ChannelRenameResult.NAME_TAKEN : ChannelRenameResult.NO_SUCH_CHANNEL;
    }

    boolean setVisibility(Handle handle, String name, Visibility visibility) {
        return handle.createUpdate("UPDATE channels SET visibility = :visibility WHERE name = :name")
                .bind("name", name)
                .bind("visibility", visibility.word())
                .execute() > 0;
    }

    boolean delete(Handle handle, String name) {
        return handle.createUpdate("DELETE FROM channels WHERE name = :name")
                .bind("name", name)
                .execute() > 0;
    }

    /** Deletes every channel the user created and returns their names, sorted. */
    List<String> deleteCreatedBy(Handle handle, String username) {
        // RETURNING names exactly the rows deleted, even if another store creates one meanwhile.
        return handle.createQuery("DELETE FROM channels WHERE created_by = :username RETURNING name")
                .bind("username", username)
                .mapTo(String.class)
                .list()
                .stream()
                .sorted()
                .toList();
    }

    private static ChannelRecord channel(ResultSet rs) throws SQLException {
        String word = rs.getString("visibility");
        Visibility visibility = Visibility.fromWord(word)
                .orElseThrow(() -> new IllegalStateException("stored channel visibility `" + word + "` is unknown"));
        return new ChannelRecord(
                rs.getString("name"),
                visibility,
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at_ms")));
    }
}
