package conclave.store;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * SQL for the {@code inbox_whispers} table: whispers queued for recipients who were offline.
 * Stateless; runs on the caller's handle and transaction.
 */
final class Inbox {
    /** Counts the user's undelivered whispers and inserts one more if that is below {@code cap}. */
    OptionalLong queue(
            Handle handle, String recipient, String recipientUser, String senderPath, byte[] payload, long nowMs,
            int cap) {
        long pending = handle.createQuery("""
                        SELECT COUNT(*) FROM inbox_whispers
                        WHERE recipient_user = :user AND delivered_at_ms IS NULL""")
                .bind("user", recipientUser)
                .mapTo(Long.class)
                .one();
        if (pending >= cap) {
            return OptionalLong.empty();
        }
        long id = handle.createQuery("""
                        INSERT INTO inbox_whispers (recipient, recipient_user, sender_path, payload, queued_at_ms)
                        VALUES (:recipient, :user, :sender, :payload, :now)
                        RETURNING id""")
                .bind("recipient", recipient)
                .bind("user", recipientUser)
                .bind("sender", senderPath)
                .bind("payload", payload)
                .bind("now", nowMs)
                .mapTo(Long.class)
                .one();
        return OptionalLong.of(id);
    }

    /**
     * Marks the oldest {@code limit} undelivered whispers for {@code path} or for its bare
     * username as delivered to {@code path}, in one statement, and returns them oldest first.
     */
    List<InboxWhisperRecord> claim(
            Handle handle, String path, String user, long nowMs, long notBeforeMs, int limit) {
        return handle.createQuery("""
                        UPDATE inbox_whispers SET delivered_to = :path, delivered_at_ms = :now
                        WHERE delivered_at_ms IS NULL AND id IN (
                            SELECT id FROM inbox_whispers
                            WHERE recipient_user = :user AND delivered_at_ms IS NULL
                              AND queued_at_ms >= :notBefore AND recipient IN (:path, :user)
                            ORDER BY id LIMIT :limit)
                        RETURNING id, recipient, sender_path, payload, queued_at_ms""")
                .bind("path", path)
                .bind("user", user)
                .bind("now", nowMs)
                .bind("notBefore", notBeforeMs)
                .bind("limit", limit)
                .map((rs, ctx) -> new InboxWhisperRecord(rs.getLong("id"), rs.getString("recipient"),
                        rs.getString("sender_path"), rs.getBytes("payload"), rs.getLong("queued_at_ms")))
                .list()
                .stream()
                .sorted(Comparator.comparingLong(InboxWhisperRecord::id)) // RETURNING has no order
                .toList();
    }

    /** Deletes a whisper delivered to one of {@code user}'s sessions; returns its sender's path. */
    Optional<String> markRead(Handle handle, long id, String user) {
        return handle.createQuery("""
                        DELETE FROM inbox_whispers
                        WHERE id = :id AND recipient_user = :user AND delivered_at_ms IS NOT NULL
                        RETURNING sender_path""")
                .bind("id", id)
                .bind("user", user)
                .mapTo(String.class)
                .findOne();
    }

    int removeAllFor(Handle handle, String user) {
        return handle.createUpdate("DELETE FROM inbox_whispers WHERE recipient_user = :user")
                .bind("user", user)
                .execute();
    }

    int purgeOlderThan(Handle handle, long cutoffMs) {
        return handle.createUpdate("DELETE FROM inbox_whispers WHERE queued_at_ms < :cutoff")
                .bind("cutoff", cutoffMs)
                .execute();
    }
}
