package conclave.store;

import conclave.identity.Ed25519PublicKey;
import conclave.protocol.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything the server keeps durably: users and their machines, channels, memberships (ACL rows),
 * invites, bans, seven days of channel history, the whisper inbox of the {@code inbox} extension
 * and the instance id.
 *
 * <p>Channels and users are addressed by exact, case-sensitive name. Usernames given as
 * membership or ban targets need not be registered; such rows apply once that name registers.
 * Outcomes a caller must handle (a taken name, an expired invite) are return values. Every method
 * throws {@link StoreException} when the database itself fails, and a write that throws has
 * changed nothing.
 *
 * <p>Implementations are thread-safe and blocking: call them off event loops.
 */
public interface Store extends AutoCloseable {
    /** How long channel history is kept. */
    Duration RETENTION = Duration.ofDays(7);

    /** The most rows one {@link #readSince} returns. */
    int HISTORY_PAGE_LIMIT = 500;

    // Users and machines

    Optional<UserRecord> findUser(String username);

    /** All usernames, sorted. */
    List<String> listUsernames();

    /**
     * Creates a user with their first machine in one transaction. The username is checked first,
     * then the key; on any refusal or failure nothing is written.
     */
    RegisterResult register(String username, String machineName, Ed25519PublicKey publicKey);

    /**
     * Removes a user in one transaction: every channel they created (with its memberships,
     * invites, bans and history), their memberships everywhere, the whispers queued for them, their
     * machines and the user row.
     * Bans naming them, invites they created on other users' channels and their messages in other
     * channels stay. An unknown username changes nothing.
     */
    UserRemoval removeUser(String username);

    /** The machine enrolled with this key, under whichever user. */
    Optional<MachineRecord> findMachine(Ed25519PublicKey publicKey);

    /** The user's machines, sorted by name; empty for an unknown user. */
    List<MachineRecord> listMachines(String username);

    /** Enrols another machine for an existing user; keys are unique across all users. */
    MachineAddResult addMachine(String username, String machineName, Ed25519PublicKey publicKey);

    /** Deletes the user's machine of that name; {@code false} if there was none. */
    boolean removeMachine(String username, String machineName);

    // Channels

    Optional<ChannelRecord> findChannel(String name);

    /** All channels, sorted by name. */
    List<ChannelRecord> listChannels();

    /**
     * Creates a channel and makes its creator its first member, in one transaction, unless the
     * creator already has {@code maxPerCreator} channels; the count and the insert are atomic, so
     * concurrent creators never overshoot the cap.
     */
    ChannelCreateResult createChannel(String name, Visibility visibility, String creator, int maxPerCreator);

    /** Deletes a channel with its memberships, invites, bans and history; {@code false} if absent. */
    boolean deleteChannel(String name);

    /** Renames a channel; its memberships, invites, bans and history follow it. */
    ChannelRenameResult renameChannel(String name, String newName);

    /** Changes a channel's visibility; {@code false} if absent. */
    boolean setVisibility(String name, Visibility visibility);

    // Memberships (ACL rows)

    boolean isMember(String channel, String username);

    /** Names of the channels the user is a member of, sorted. */
    List<String> listMembershipsOf(String username);

    /** Members of the channel, sorted; empty for an absent channel. */
    List<String> listMembers(String channel);

    /**
     * Makes the user a member (idempotent) and lifts any ban of theirs on the channel, in one
     * transaction — what {@code AclAdd} does. {@code false} if the channel is absent.
     */
    boolean grantMembership(String channel, String username);

    /** Removes a membership; {@code false} if there was none. */
    boolean revokeMembership(String channel, String username);

    /** Removes the user's memberships of every channel; returns how many there were. */
    int revokeAllMemberships(String username);

    // Invites

    /**
     * Stores an invite for {@code invite.channel()} unless the channel already has
     * {@code maxOutstanding} invites that could admit someone at {@code now} (uses left, not
     * expired); the count and the insert are atomic, so concurrent creators never overshoot.
     */
    InviteCreateResult createInvite(InviteRecord invite, int maxOutstanding, Instant now);

    Optional<InviteRecord> findInvite(String token);

    /** The channel's invites in creation order, including expired and used-up ones. */
    List<InviteRecord> listInvites(String channel);

    /** Deletes (revokes) an invite; {@code false} if there was none. */
    boolean deleteInvite(String token);

    /**
     * Redeems {@code token} for {@code username} joining {@code channel} at {@code now}, in one
     * transaction: an expired invite ({@code expiresAt <= now}) is deleted and refused; an
     * unlimited one is accepted without consuming anything; a limited one gives up one use if it
     * has any left and is deleted when that was its last. On acceptance the membership is added in
     * the same transaction, so a consumed use is never lost. Concurrent redeemers of the last use:
     * exactly one wins.
     */
    Redemption redeemInvite(String channel, String token, String username, Instant now);

    // Bans

    /**
     * Bans the user from the channel (idempotent) and removes their membership, in one transaction
     * — what {@code Ban} does. {@code false} if the channel is absent.
     */
    boolean ban(String channel, String username);

    /** Lifts a ban without granting membership; {@code false} if there was none. */
    boolean unban(String channel, String username);

    boolean isBanned(String channel, String username);

    /** Every ban on the server, for loading into memory at startup. */
    List<BanRecord> listBans();

    /** Usernames banned from the channel, sorted. */
    List<String> listBannedUsers(String channel);

    // History

    /**
     * Appends a message and returns its timestamp: {@code max(nowMs, previous + 1)} where
     * {@code previous} is the channel's latest timestamp, so timestamps strictly increase per
     * channel even when the clock steps back. The row is committed before this returns. Empty if
     * the channel is absent.
     */
    default OptionalLong appendMessage(String channel, String fromPath, byte[] payload, long nowMs) {
        return appendLinkedMessage(channel, fromPath, payload, nowMs)
                .map(appended -> OptionalLong.of(appended.tsMs()))
                .orElse(OptionalLong.empty());
    }

    /**
     * {@link #appendMessage}, also answering the timestamp of the message it follows, read in the
     * same transaction as the insert (what the cluster bus needs to keep each channel in order).
     * Empty if the channel is absent.
     */
    Optional<AppendedMessage> appendLinkedMessage(String channel, String fromPath, byte[] payload, long nowMs);

    /**
     * The channel's messages with {@code tsMs > sinceMs} and {@code tsMs >= notBeforeMs} (the
     * retention cut-off, applied even before a purge has run), oldest first, at most
     * {@code min(limit, HISTORY_PAGE_LIMIT)} rows.
     *
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    List<MessageRecord> readSince(String channel, long sinceMs, int limit, long notBeforeMs);

    /** Deletes messages with {@code tsMs < cutoffMs} in every channel; returns how many. */
    int purgeMessagesOlderThan(long cutoffMs);

    // Whisper inbox (extension `inbox`)

    /** How many undelivered whispers one recipient user may have queued (path and bare-username targets together). */
    int INBOX_CAP = 500;

    /** The most whispers one {@link #claimInboxWhispers} hands out: half a session's outbound bound. */
    int INBOX_CLAIM_LIMIT = 500;

    /**
     * Queues a whisper for {@code recipient} (a session path, or a bare username meaning any of the
     * user's sessions) unless {@code recipientUser} already has {@code cap} undelivered ones; the
     * count and the insert are one transaction, committed before this returns.
     *
     * @return the new whisper's message id, or empty when the recipient's inbox is full
     */
    OptionalLong queueInboxWhisper(
            String recipient, String recipientUser, String senderPath, byte[] payload, long nowMs, int cap);

    /**
     * Hands the undelivered whispers queued for {@code path} or for its bare username
     * {@code user}, queued at or after {@code notBeforeMs}, to {@code path}: marks at most
     * {@link #INBOX_CLAIM_LIMIT} of them delivered at {@code nowMs} in one transaction and returns
     * them oldest first. Concurrent claimers never receive the same whisper.
     */
    List<InboxWhisperRecord> claimInboxWhispers(String path, String user, long nowMs, long notBeforeMs);

    /**
     * Marks whisper {@code messageId} read, which deletes it, if it was delivered to one of
     * {@code user}'s sessions.
     *
     * @return the sender's session path, or empty for an unknown, undelivered or foreign id
     */
    Optional<String> markInboxWhisperRead(long messageId, String user);

    /** Deletes inbox whispers queued before {@code cutoffMs}, delivered or not; returns how many. */
    int purgeInboxWhispersOlderThan(long cutoffMs);

    // Instance

    /**
     * This data's instance id (32 base64url characters), created on first call. It never changes
     * for a database, and concurrent first calls — from any process — agree on one value.
     */
    String instanceId();

    /** Closes the store; call once no other call is in flight. */
    @Override
    void close();
}
