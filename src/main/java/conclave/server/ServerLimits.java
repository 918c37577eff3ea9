package conclave.server;

import java.util.Optional;

/**
 * The server's abuse limits: the per-session message rate (empty = off), the largest message
 * body, the connection caps checked before a WebSocket upgrade, and the per-user channel and
 * per-channel invite counts. {@link #DEFAULT} holds the documented defaults.
 *
 * @param messageRate ChannelMsg and Whisper allowance per session; empty turns rate limiting off
 * @param maxBodyBytes largest message body (plain UTF-8 bytes or ciphertext bytes)
 * @param maxSessions WebSocket connections, established or not, the server holds at once
 * @param maxPreAuthPerAddress WebSocket connections one remote address may hold before they authenticate
 * @param maxChannelsPerUser channels one user may have created (and not deleted)
 * @param maxInvitesPerChannel invites a channel may have outstanding (neither used up nor expired)
 */
public record ServerLimits(
        Optional<RateLimit> messageRate,
        int maxBodyBytes,
        int maxSessions,
        int maxPreAuthPerAddress,
        int maxChannelsPerUser,
        int maxInvitesPerChannel) {
    /** No body may outgrow the 16 MiB WebSocket message cap that carries it. */
    public static final int BODY_CEILING = WebSocketUpgrade.MAX_MESSAGE_BYTES;

    /** 20/s with bursts of 60, 64 KiB bodies, 50,000 sessions, 32 pre-auth per address, 100 channels, 100 invites. */
    public static final ServerLimits DEFAULT =
            new ServerLimits(Optional.of(RateLimit.DEFAULT), 64 * 1024, 50_000, 32, 100, 100);

    public ServerLimits {
        if (maxBodyBytes < 1 || maxBodyBytes > BODY_CEILING) {
            throw new IllegalArgumentException(
                    "max body must be 1-" + BODY_CEILING + " bytes, got " + maxBodyBytes);
        }
        requireAtLeastOne("max sessions", maxSessions);
        requireAtLeastOne("max pre-auth connections per address", maxPreAuthPerAddress);
        requireAtLeastOne("max channels per user", maxChannelsPerUser);
        requireAtLeastOne("max invites per channel", maxInvitesPerChannel);
    }

    private static void requireAtLeastOne(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
    }
}
