package conclave.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL for the {@code messages} table: channel history. Stateless; runs on the caller's handle and
 * transaction.
 */
final class MessageLog {
    /**
     * Appends a message with timestamp {@code max(now, latest + 1)} and answers it with the
     * channel's previous latest. The caller's write transaction holds the database's write lock
     * from its start, so no concurrent append can slip between the read and the insert.
     */
    Optional<AppendedMessage> append(Handle handle, String channel, String fromPath, byte[] payload, long nowMs) {
        Optional<Latest> latest = handle.createQuery("""
                        SELECT c.id AS channel_id, (SELECT MAX(m.ts_ms) FROM messages m WHERE m.channel_id = c.id) AS ts_ms
                        FROM channels c WHERE c.name = :channel""")
                .bind("channel", channel)
                .map((rs, ctx) -> new Latest(rs.getLong("channel_id"), rs.getLong("ts_ms")))
                .findOne();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        long previous = latest.get().tsMs(); // 0 when the channel has no message (SQL NULL)
        long ts = Math.max(nowMs, previous + 1);
        handle.createUpdate("INSERT INTO messages (channel_id, sender_path, payload, ts_ms) VALUES (:id, :from, :payload, :ts)")
                .bind("id", latest.get().channelId())
                .bind("from", fromPath)
                .bind("payload", payload)
                .bind("ts", ts)
                .execute();
        return Optional.of(new AppendedMessage(previous, ts));
    }

    /** A channel's row id and its latest message timestamp (0 when it has none). */
    private record Latest(long channelId, long tsMs) {}

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
