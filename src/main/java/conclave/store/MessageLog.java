package conclave.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL for the {@code messages} table: channel history, with the append statement of one database.
 * Stateless; runs on the caller's handle and transaction.
 */
final class MessageLog {
    /**
     * SQLite: the channel and its latest timestamp. Writers are serialized (one write connection,
     * {@code BEGIN IMMEDIATE} across processes), so no append can slip between this read and the
     * insert that follows in the same transaction.
     */
    private static final String LATEST_SQLITE = """
            SELECT c.id AS channel_id,
                   IFNULL((SELECT MAX(m.ts_ms) FROM messages m WHERE m.channel_id = c.id), 0) AS previous_ts_ms
            FROM channels c WHERE c.name = :channel""";

    private static final String INSERT_SQLITE = """
            INSERT INTO messages (channel_id, sender_path, payload, ts_ms) VALUES (:channelId, :from, :payload, :ts)""";

    /**
     * PostgreSQL: concurrent appenders (from any server on the database) are serialized per
     * channel by the row lock taken on the channel until commit, so timestamps strictly increase
     * and commit in timestamp order. {@code last_ts_ms} is the latest timestamp ever given in the
     * channel; the locking sub-select reads it after any concurrent appender has committed, and
     * answers it as the new message's predecessor.
     */
    private static final String APPEND_POSTGRESQL = """
            WITH c AS (
                UPDATE channels SET last_ts_ms = GREATEST(old.last_ts_ms + 1, :now)
                FROM (SELECT id, last_ts_ms FROM channels WHERE name = :channel FOR UPDATE) old
                WHERE channels.id = old.id
                RETURNING channels.id, channels.last_ts_ms, old.last_ts_ms AS previous_ts_ms),
            inserted AS (
                INSERT INTO messages (channel_id, sender_path, payload, ts_ms)
                SELECT id, :from, :payload, last_ts_ms FROM c
                RETURNING ts_ms)
            SELECT inserted.ts_ms, c.previous_ts_ms FROM inserted, c""";

    private final boolean postgresql;

    private MessageLog(boolean postgresql) {
        this.postgresql = postgresql;
    }

    static MessageLog sqlite() {
        return new MessageLog(false);
    }

    static MessageLog postgresql() {
        return new MessageLog(true);
    }

    /**
     * Appends a message with timestamp {@code max(now, latest + 1)} and answers it with the
     * channel's previous latest ({@code 0} if none); empty if the channel is absent.
     */
    Optional<AppendedMessage> append(Handle handle, String channel, String fromPath, byte[] payload, long nowMs) {
        if (postgresql) {
            return handle.createQuery(APPEND_POSTGRESQL)
                    .bind("channel", channel)
                    .bind("from", fromPath)
                    .bind("payload", payload)
                    .bind("now", nowMs)
                    .map((rs, ctx) -> new AppendedMessage(rs.getLong("previous_ts_ms"), rs.getLong("ts_ms")))
                    .findOne();
        }
        Optional<Latest> latest = handle.createQuery(LATEST_SQLITE)
                .bind("channel", channel)
                .map((rs, ctx) -> new Latest(rs.getLong("channel_id"), rs.getLong("previous_ts_ms")))
                .findOne();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        long ts = Math.max(nowMs, latest.get().tsMs() + 1);
        handle.createUpdate(INSERT_SQLITE)
                .bind("channelId", latest.get().channelId())
                .bind("from", fromPath)
                .bind("payload", payload)
                .bind("ts", ts)
                .execute();
        return Optional.of(new AppendedMessage(latest.get().tsMs(), ts));
    }

    /** A channel's row id and its latest message timestamp. */
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
