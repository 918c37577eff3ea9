package conclave.store;

import java.util.List;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * SQL for the {@code messages} table: channel history. Stateless; runs on the caller's handle and
 * transaction.
 */
final class MessageLog {
    /**
     * Appends a message and returns its timestamp, {@code max(now, latest + 1)}, computed in the
     * same statement as the insert so no concurrent append can slip between the two.
     */
    OptionalLong append(Handle handle, String channel, String fromPath, byte[] payload, long nowMs) {
        return handle.createQuery("""
                        INSERT INTO messages (channel_id, sender_path, payload, ts_ms)
                        SELECT c.id, :from, :payload,
                               MAX(:now, IFNULL((SELECT MAX(m.ts_ms) FROM messages m WHERE m.channel_id = c.id) + 1, :now))
                        FROM channels c WHERE c.name = :channel
                        RETURNING ts_ms""")
                .bind("channel", channel)
                .bind("from", fromPath)
                .bind("payload", payload)
                .bind("now", nowMs)
                .mapTo(Long.class)
                .findOne()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    List<MessageRecord> readSince(Handle handle, String channel, long sinceMs, int limit, long notBeforeMs) {
        return handle.createQuery("""
                        SELECT sender_path, payload, ts_ms FROM messages
                        WHERE channel_id = (SELECT id FROM channels WHERE name = :channel)
                          AND ts_ms > :since AND ts_ms >= :notBefore
                        ORDER BY ts_ms
                        LIMIT :limit""")
                .bind("channel", channel)
                .bind("since", sinceMs)
                .bind("notBefore", notBeforeMs)
                .bind("limit", limit)
                .map((rs, ctx) -> new MessageRecord(rs.getString("sender_path"), rs.getBytes("payload"), rs.getLong("ts_ms")))
                .list();
    }

    int purgeOlderThan(Handle handle, long cutoffMs) {
        return handle.createUpdate("DELETE FROM messages WHERE ts_ms < :cutoff")
                .bind("cutoff", cutoffMs)
                .execute();
    }
}
