package conclave.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * SQL for the {@code memberships} table (ACL rows). Rows name the user by text: the user need not
 * be registered. Stateless; runs on the caller's handle and transaction.
 */
final class Memberships {
    boolean isMember(Handle handle, String channel, String username) {
        return handle.createQuery("""
                        SELECT EXISTS (
                            SELECT 1 FROM memberships m JOIN channels c ON c.id = m.channel_id
                            WHERE c.name = :channel AND m.username = :username)""")
                .bind("channel", channel)
                .bind("username", username)
                .mapTo(Boolean.class)
                .one();
    }

    List<String> channelsOf(Handle handle, String username) {
        return handle.createQuery("""
                        SELECT c.name FROM memberships m JOIN channels c ON c.id = m.channel_id
                        WHERE m.username = :username ORDER BY c.name""")
                .bind("username", username)
                .mapTo(String.class)
                .list();
    }

    List<String> membersOf(Handle handle, String channel) {
        return handle.createQuery("""
                        SELECT m.username FROM memberships m JOIN channels c ON c.id = m.channel_id
                        WHERE c.name = :channel ORDER BY m.username""")
                .bind("channel", channel)
                .mapTo(String.class)
                .list();
    }

    /** Adds a membership; already being a member is fine. */
    void add(Handle handle, long channelId, String username) {
        handle.createUpdate("INSERT INTO memberships (channel_id, username) VALUES (:channel, :username) ON CONFLICT DO NOTHING")
                .bind("channel", channelId)
                .bind("username", username)
                .execute();
    }

    boolean remove(Handle handle, long channelId, String username) {
        return handle.createUpdate("DELETE FROM memberships WHERE channel_id = :channel AND username = :username")
                .bind("channel", channelId)
                .bind("username", username)
                .execute() > 0;
    }

    int removeAllOf(Handle handle, String username) {
        return handle.createUpdate("DELETE FROM memberships WHERE username = :username")
                .bind("username", username)
                .execute();
    }
}
