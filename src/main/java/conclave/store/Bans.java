package conclave.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * SQL for the {@code bans} table. Rows name the user by text: anyone can be banned, registered or
 * not, and a ban outlives the removal of the user it names. Stateless; runs on the caller's handle
 * and transaction.
 */
final class Bans {
    /** Records a ban; being banned already is fine. */
    void add(Handle handle, long channelId, String username) {
        handle.createUpdate("INSERT INTO bans (channel_id, username) VALUES (:channel, :username) ON CONFLICT DO NOTHING")
                .bind("channel", channelId)
                .bind("username", username)
                .execute();
    }

    boolean remove(Handle handle, long channelId, String username) {
        return handle.createUpdate("DELETE FROM bans WHERE channel_id = :channel AND username = :username")
                .bind("channel", channelId)
                .bind("username", username)
                .execute() > 0;
    }

    boolean isBanned(Handle handle, String channel, String username) {
        return handle.createQuery("""
                        SELECT EXISTS (
                            SELECT 1 FROM bans b JOIN channels c ON c.id = b.channel_id
                            WHERE c.name = :channel AND b.username = :username)""")
                .bind("channel", channel)
                .bind("username", username)
                .mapTo(Boolean.class)
                .one();
    }

    List<BanRecord> listAll(Handle handle) {
        return handle.createQuery("""
                        SELECT c.name, b.username FROM bans b JOIN channels c ON c.id = b.channel_id
                        ORDER BY c.name, b.username""")
                .map((rs, ctx) -> new BanRecord(rs.getString("name"), rs.getString("username")))
                .list();
    }

    List<String> bannedFrom(Handle handle, String channel) {
        return handle.createQuery("""
                        SELECT b.username FROM bans b JOIN channels c ON c.id = b.channel_id
                        WHERE c.name = :channel ORDER BY b.username""")
                .bind("channel", channel)
                .mapTo(String.class)
                .list();
    }
}
