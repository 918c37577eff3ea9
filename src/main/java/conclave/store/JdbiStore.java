package conclave.store;

import conclave.identity.Ed25519PublicKey;
import conclave.protocol.Visibility;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * The {@link Store} over any SQL database reached through {@link Transactions}: each aggregate's
 * SQL lives in its own class ({@link Users}, {@link Machines}, {@link Channels},
 * {@link Memberships}, {@link Invites}, {@link Bans}, {@link MessageLog}, {@link Inbox}, {@link Meta}) and this
 * class only sets transaction boundaries. The SQL is written once for SQLite and PostgreSQL; where
 * they differ (appending history) the subclass passes its {@link MessageLog}.
 *
 * <p>Every write decides inside its own transaction, so it stays correct when several stores (on
 * several servers) share one database: uniqueness comes from constraints with
 * {@code ON CONFLICT DO NOTHING}, conditional updates make the check and the change one step, and
 * a cap (channels per creator, invites per channel, queued whispers per user) is counted after
 * {@link Transactions#serialize} has made the writers of that scope take turns.
 */
abstract class JdbiStore implements Store {
    private final Transactions db;
    private final InstantSource clock;
    private final Users users = new Users();
    private final Machines machines = new Machines();
    private final Channels channels = new Channels();
    private final Memberships memberships = new Memberships();
    private final Invites invites = new Invites();
    private final Bans bans = new Bans();
    private final MessageLog messages;
    private final Inbox inbox = new Inbox();
    private final Meta meta = new Meta();

    JdbiStore(Transactions db, MessageLog messages, InstantSource clock) {
        this.db = db;
        this.messages = messages;
        this.clock = clock;
    }

    // Users and machines

    @Override
    public Optional<UserRecord> findUser(String username) {
        return db.read("find user", h -> users.find(h, username));
    }

    @Override
    public List<String> listUsernames() {
        return db.read("list users", users::listNames);
    }

    @Override
    public RegisterResult register(String username, String machineName, Ed25519PublicKey publicKey) {
        return db.write("register user", h -> {
            long now = clock.millis();
            OptionalLong userId = users.insert(h, username, now);
            if (userId.isEmpty()) {
                return RegisterResult.USERNAME_TAKEN;
            }
            // A brand-new user has no machine names yet, so only the key can collide.
            if (!machines.insert(h, userId.getAsLong(), machineName, publicKey, now)) {
                h.rollback(); // both rows or neither: the name must stay claimable
                return RegisterResult.KEY_ALREADY_ENROLLED;
            }
            return RegisterResult.REGISTERED;
        });
    }

    @Override
    public UserRemoval removeUser(String username) {
        return db.write("remove user", h -> {
            List<String> deleted = channels.deleteCreatedBy(h, username);
            memberships.removeAllOf(h, username);
            inbox.removeAllFor(h, username);
            boolean existed = users.delete(h, username);
            return new UserRemoval(existed, deleted);
        });
    }

    @Override
    public Optional<MachineRecord> findMachine(Ed25519PublicKey publicKey) {
        return db.read("find machine", h -> machines.findByKey(h, publicKey));
    }

    @Override
    public List<MachineRecord> listMachines(String username) {
        return db.read("list machines", h -> machines.listOf(h, username));
    }

    @Override
    public MachineAddResult addMachine(String username, String machineName, Ed25519PublicKey publicKey) {
        return db.write("add machine", h -> {
            OptionalLong userId = users.idOf(h, username);
            if (userId.isEmpty()) {
                return MachineAddResult.NO_SUCH_USER;
            }
            if (machines.nameTaken(h, userId.getAsLong(), machineName)) {
                return MachineAddResult.NAME_TAKEN;
            }
            if (machines.keyEnrolled(h, publicKey)) {
                return MachineAddResult.KEY_ALREADY_ENROLLED;
            }
            if (machines.insert(h, userId.getAsLong(), machineName, publicKey, clock.millis())) {
                return MachineAddResult.ADDED;
            }
            // Another store committed the same name or key after the checks above.
            return machines.nameTaken(h, userId.getAsLong(), machineName)
                    ? MachineAddResult.NAME_TAKEN
                    : MachineAddResult.KEY_ALREADY_ENROLLED;
        });
    }

    @Override
    public boolean removeMachine(String username, String machineName) {
        return db.write("remove machine", h -> machines.delete(h, username, machineName));
    }

    // Channels

    @Override
    public Optional<ChannelRecord> findChannel(String name) {
        return db.read("find channel", h -> channels.find(h, name));
    }

    @Override
    public List<ChannelRecord> listChannels() {
        return db.read("list channels", channels::listAll);
    }

    @Override
    public ChannelCreateResult createChannel(String name, Visibility visibility, String creator, int maxPerCreator) {
        return db.write("create channel", h -> {
            // The count and the insert are one step for this creator, on every server sharing the database.
            db.serialize(h, "channels created by " + creator);
            if (channels.countCreatedBy(h, creator) >= maxPerCreator) {
                return ChannelCreateResult.LIMIT_REACHED;
            }
            OptionalLong id = channels.insert(h, name, visibility, creator, clock.millis());
            if (id.isEmpty()) {
                return ChannelCreateResult.NAME_TAKEN;
            }
            memberships.add(h, id.getAsLong(), creator);
            return ChannelCreateResult.CREATED;
        });
    }

    @Override
    public boolean deleteChannel(String name) {
        return db.write("delete channel", h -> channels.delete(h, name));
    }

    @Override
    public ChannelRenameResult renameChannel(String name, String newName) {
        return db.write("rename channel", h -> channels.rename(h, name, newName));
    }

    @Override
    public boolean setVisibility(String name, Visibility visibility) {
        return db.write("set channel visibility", h -> channels.setVisibility(h, name, visibility));
    }

    // Memberships

    @Override
    public boolean isMember(String channel, String username) {
        return db.read("check membership", h -> memberships.isMember(h, channel, username));
    }

    @Override
    public List<String> listMembershipsOf(String username) {
        return db.read("list memberships", h -> memberships.channelsOf(h, username));
    }

    @Override
    public List<String> listMembers(String channel) {
        return db.read("list members", h -> memberships.membersOf(h, channel));
    }

    @Override
    public boolean grantMembership(String channel, String username) {
        return writeInChannel("grant membership", channel, (h, id) -> {
            memberships.add(h, id, username);
            bans.remove(h, id, username);
            return true;
        });
    }

    @Override
    public boolean revokeMembership(String channel, String username) {
        return writeInChannel("revoke membership", channel, (h, id) -> memberships.remove(h, id, username));
    }

    @Override
    public int revokeAllMemberships(String username) {
        return db.write("revoke memberships", h -> memberships.removeAllOf(h, username));
    }

    // Invites

    @Override
    public InviteCreateResult createInvite(InviteRecord invite, int maxOutstanding, Instant now) {
        return db.write("create invite", h -> {
            OptionalLong id = channels.idOf(h, invite.channel());
            if (id.isEmpty()) {
                return InviteCreateResult.NO_SUCH_CHANNEL;
            }
            db.serialize(h, "invites of channel " + id.getAsLong()); // as for channels, so the cap is never overshot
            if (invites.countOutstanding(h, id.getAsLong(), now.toEpochMilli()) >= maxOutstanding) {
                return InviteCreateResult.LIMIT_REACHED;
            }
            return invites.insert(h, id.getAsLong(), invite) ? InviteCreateResult.CREATED : InviteCreateResult.TOKEN_TAKEN;
        });
    }

    @Override
    public Optional<InviteRecord> findInvite(String token) {
        return db.read("find invite", h -> invites.find(h, token));
    }

    @Override
    public List<InviteRecord> listInvites(String channel) {
        return db.read("list invites", h -> invites.listFor(h, channel));
    }

    @Override
    public boolean deleteInvite(String token) {
        return db.write("delete invite", h -> invites.delete(h, token));
    }

    @Override
    public Redemption redeemInvite(String channel, String token, String username, Instant now) {
        return db.write("redeem invite", h -> {
            OptionalLong id = channels.idOf(h, channel);
            if (id.isEmpty()) {
                return new Redemption.UnknownToken();
            }
            Redemption outcome = invites.redeem(h, id.getAsLong(), token, now.toEpochMilli());
            if (outcome instanceof Redemption.Redeemed) {
                memberships.add(h, id.getAsLong(), username);
            }
            return outcome;
        });
    }

    // Bans

    @Override
    public boolean ban(String channel, String username) {
        return writeInChannel("ban user", channel, (h, id) -> {
            bans.add(h, id, username);
            memberships.remove(h, id, username);
            return true;
        });
    }

    @Override
    public boolean unban(String channel, String username) {
        return writeInChannel("unban user", channel, (h, id) -> bans.remove(h, id, username));
    }

    @Override
    public boolean isBanned(String channel, String username) {
        return db.read("check ban", h -> bans.isBanned(h, channel, username));
    }

    @Override
    public List<BanRecord> listBans() {
        return db.read("list bans", bans::listAll);
    }

    @Override
    public List<String> listBannedUsers(String channel) {
        return db.read("list channel bans", h -> bans.bannedFrom(h, channel));
    }

    // History

    @Override
    public Optional<AppendedMessage> appendLinkedMessage(String channel, String fromPath, byte[] payload, long nowMs) {
        return db.write("append message", h -> messages.append(h, channel, fromPath, payload, nowMs));
    }

    @Override
    public List<MessageRecord> readSince(String channel, long sinceMs, int limit, long notBeforeMs) {
        if (limit < 1) {
            throw new IllegalArgumentException("history limit must be at least 1, got " + limit);
        }
        int capped = Math.min(limit, HISTORY_PAGE_LIMIT);
        return db.read("read history", h -> messages.readSince(h, channel, sinceMs, capped, notBeforeMs));
    }

    @Override
    public int purgeMessagesOlderThan(long cutoffMs) {
        return db.write("purge history", h -> messages.purgeOlderThan(h, cutoffMs));
    }

    // Whisper inbox

    @Override
    public OptionalLong queueInboxWhisper(
            String recipient, String recipientUser, String senderPath, byte[] payload, long nowMs, int cap) {
        return db.write("queue inbox whisper", h -> {
            db.serialize(h, "inbox of " + recipientUser);
            return inbox.queue(h, recipient, recipientUser, senderPath, payload, nowMs, cap);
        });
    }

    @Override
    public List<InboxWhisperRecord> claimInboxWhispers(String path, String user, long nowMs, long notBeforeMs) {
        return db.write("claim inbox whispers",
                h -> inbox.claim(h, path, user, nowMs, notBeforeMs, INBOX_CLAIM_LIMIT));
    }

    @Override
    public Optional<String> markInboxWhisperRead(long messageId, String user) {
        return db.write("mark inbox whisper read", h -> inbox.markRead(h, messageId, user));
    }

    @Override
    public int purgeInboxWhispersOlderThan(long cutoffMs) {
        return db.write("purge inbox", h -> inbox.purgeOlderThan(h, cutoffMs));
    }

    // Instance

    @Override
    public String instanceId() {
        return db.write("read instance id", meta::instanceId);
    }

    @Override
    public void close() {
        db.close();
    }

    /** Runs {@code work} on the channel's id in one write transaction; false if there is no such channel. */
    private boolean writeInChannel(String operation, String channel, ChannelWrite work) {
        return db.write(operation, h -> {
            OptionalLong id = channels.idOf(h, channel);
            return id.isPresent() && work.apply(h, id.getAsLong());
        });
    }

    /** A write on one channel, by its id. */
    @FunctionalInterface
    private interface ChannelWrite {
        boolean apply(Handle handle, long channelId);
    }
}
