package conclave.store;

import java.util.List;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * SQL for the {@code messages} table: channel history, with the append statement of one database.
 * Stateless; runs on the caller's handle and transaction.
 */
final class MessageLog {
    /**
     * SQLite: {@code max(now, latest + 1)} computed in the same statement as the insert. Writers are
     * serialized (one write connection, {@code BEGIN IMMEDIATE} across processes), so no append
     * can slip between reading the latest timestamp and inserting.
     */
    private static final String APPEND_SQLITE = """
            INSERT INTO messages (channel_id, sender_path, payload, ts_ms)
            SELECT c.id, :from, :payload,
                   MAX(:now, IFNULL((SELECT MAX(m.ts_ms) FROM messages m WHERE m.channel_id = c.id) + 1, :now))
            FROM channels c WHERE c.name = :channel
            RETURNING ts_ms""";

    /**
     * PostgreSQL: concurrent appenders (from any server on the database) are serialized per
     * channel by the row lock that updating the channel's {@code last_ts_ms} takes until commit,
     * so timestamps strictly increase and commit in timestamp order. {@code last_ts_ms} is the
     * latest timestamp ever given in the channel.
     */
    private static final String APPEND_POSTGRESQL = """
            WITH c AS (
                UPDATE channels SET last_ts_ms = GREATEST(last_ts_ms + 1, :now)
                WHERE name = :channel
                RETURNING id, last_ts_ms)
            INSERT INTO messages (channel_id, sender_path, payload, ts_ms)
            SELECT id, :from, :payload, last_ts_ms FROM c
            RETURNING ts_ms""";

    private final String appendSql;

    private MessageLog(String appendSql) {
        this.appendSql = appendSql;
    }

    static MessageLog sqlite() {
        return new MessageLog(APPEND_SQLITE);
    }

    static MessageLog postgresql() {
        return new MessageLog(APPEND_POSTGRESQL);
    }

    /**
     * Appends a message and returns its timestamp, {@code max(now, latest + 1)}; empty if the
     * channel is absent.
     */
    OptionalLong append(Handle handle, String channel, String fromPath, byte[] payload, long nowMs) {
        return handle.createQuery(appendSql)
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
