package conclave.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * SQL for the {@code invites} table, including redemption. Stateless; runs on the caller's handle
 * and transaction.
 */
final class Invites {
    private static final String SELECT = """
            SELECT i.token, c.name AS channel, i.uses_remaining, i.expires_at_ms, i.created_by
            FROM invites i JOIN channels c ON c.id = i.channel_id
            """;

    /** Stores an invite for the channel; {@code false} if the token is taken. */
    boolean insert(Handle handle, long channelId, InviteRecord invite) {
        return handle.createUpdate("""
                        INSERT INTO invites (token, channel_id, uses_remaining, expires_at_ms, created_by)
                        VALUES (:token, :channel, :uses, :expires, :createdBy)
                        ON CONFLICT DO NOTHING""")
                .bind("token", invite.token())
                .bind("channel", channelId)
                .bind("uses", boxed(invite.usesRemaining()))
                .bind("expires", invite.expiresAt().map(Instant::toEpochMilli).orElse(null))
                .bind("createdBy", invite.createdBy())
                .execute() > 0;
    }

    /** Invites of the channel that could still admit someone at {@code nowMs}: uses left, not expired. */
    int countOutstanding(Handle handle, long channelId, long nowMs) {
        return handle.createQuery("""
                        SELECT COUNT(*) FROM invites
                        WHERE channel_id = :channel
                          AND (uses_remaining IS NULL OR uses_remaining > 0)
                          AND (expires_at_ms IS NULL OR expires_at_ms > :now)""")
                .bind("channel", channelId)
                .bind("now", nowMs)
                .mapTo(Integer.class)
                .one();
    }

    Optional<InviteRecord> find(Handle handle, String token) {
        return handle.createQuery(SELECT + "WHERE i.token = :token")
                .bind("token", token)
                .map((rs, ctx) -> invite(rs))
                .findOne();
    }

    List<InviteRecord> listFor(Handle handle, String channel) {
        return handle.createQuery(SELECT + "WHERE c.name = :channel ORDER BY i.id")
                .bind("channel", channel)
                .map((rs, ctx) -> invite(rs))
                .list();
    }

    boolean delete(Handle handle, String token) {
        return handle.createUpdate("DELETE FROM invites WHERE token = :token")
                .bind("token", token)
                .execute() > 0;
    }

    /**
     * Redeems a token of the channel at {@code nowMs}; see {@link Store#redeemInvite}. Does not
     * touch memberships: the caller adds one in the same transaction on {@link Redemption.Redeemed}.
     */
    Redemption redeem(Handle handle, long channelId, String token, long nowMs) {
        Optional<Terms> found = handle.createQuery("""
                        SELECT id, uses_remaining, expires_at_ms FROM invites
                        WHERE token = :token AND channel_id = :channel""")
                .bind("token", token)
                .bind("channel", channelId)
                .map((rs, ctx) -> new Terms(rs.getLong("id"), nullableLong(rs, "uses_remaining"), nullableLong(rs, "expires_at_ms")))
                .findOne();
        if (found.isEmpty()) {
            return new Redemption.UnknownToken();
        }
        Terms terms = found.get();
        if (terms.expiresAtMs().isPresent() && terms.expiresAtMs().getAsLong() <= nowMs) {
            deleteById(handle, terms.id());
            return new Redemption.Expired();
        }
        if (terms.usesRemaining().isEmpty()) {
            return new Redemption.Redeemed(OptionalLong.empty());
        }
        // The condition makes the decrement itself the check, so two redeemers can never both
        // take the last use.
        Optional<Long> left = handle.createQuery("""
                        UPDATE invites SET uses_remaining = uses_remaining - 1
                        WHERE id = :id AND uses_remaining > 0
                        RETURNING uses_remaining""")
                .bind("id", terms.id())
                .mapTo(Long.class)
                .findOne();
        if (left.isEmpty()) {
            return new Redemption.Exhausted();
        }
        if (left.get() == 0) {
            deleteById(handle, terms.id());
        }
        return new Redemption.Redeemed(OptionalLong.of(left.get()));
    }

    private static void deleteById(Handle handle, long id) {
        handle.createUpdate("DELETE FROM invites WHERE id = :id").bind("id", id).execute();
    }

    private static InviteRecord invite(ResultSet rs) throws SQLException {
        OptionalLong expires = nullableLong(rs, "expires_at_ms");
        return new InviteRecord(
                rs.getString("token"),
                rs.getString("channel"),
                nullableLong(rs, "uses_remaining"),
                expires.isPresent() ? Optional.of(Instant.ofEpochMilli(expires.getAsLong())) : Optional.empty(),
                rs.getString("created_by"));
    }

    private static OptionalLong nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    /** What redemption needs to know about an invite row. */
    private record Terms(long id, OptionalLong usesRemaining, OptionalLong expiresAtMs) {}
}
