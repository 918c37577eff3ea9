package conclave.server;

import conclave.identity.Ed25519PublicKey;
import conclave.identity.MalformedKeyOrSignatureException;
import conclave.identity.Tokens;
import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.InviteInfo;
import conclave.protocol.NameKind;
import conclave.protocol.Names;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import conclave.store.ChannelRecord;
import conclave.store.InviteCreateResult;
import conclave.store.InviteRecord;
import conclave.store.Rfc3339;
import conclave.store.UserRemoval;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin, moderation and self-service operations of frame {@code Admin}, each with its
 * authorization: any user may create channels and manage their own machines; a channel's creator
 * or a server admin administers the channel; only server admins list and remove users.
 *
 * <p>A channel that is absent, or hidden from a caller who may not see it, gets the same
 * {@code not found} answer, so channel-admin ops reveal nothing about private channels.
 */
final class AdminOps {
    /** Invite expiries stay within four-digit years so every client can parse them. */
    static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    private static final Logger LOG = LoggerFactory.getLogger(AdminOps.class);

    private final ServerContext context;

    AdminOps(ServerContext context) {
        this.context = context;
    }

    Frame handle(SessionState.Established session, AdminOp op) {
        LOG.debug("admin path={} op={}", session.path(), op.kind().jsonName());
        switch (op.kind()) {
            case CREATE_CHANNEL:
                return createChannel(session, (AdminOp.CreateChannel) op);
            case USER_REMOVE:
                return removeUser(session, (AdminOp.UserRemove) op);
            case MACHINE_REMOVE:
                return removeMachine(session, (AdminOp.MachineRemove) op);
            case MACHINE_ADD:
                return addMachine(session, (AdminOp.MachineAdd) op);
            case INVITE_REVOKE:
                return revokeInvite(session, (AdminOp.InviteRevoke) op);
            default:
                return channelAdmin(session, op);
        }
    }

    private Frame createChannel(SessionState.Established session, AdminOp.CreateChannel create) {
        String name = Names.check(NameKind.CHANNEL, create.name());
        String user = session.path().user();
        int limit = context.limits().maxChannelsPerUser();
        switch (context.store().createChannel(name, create.visibility(), user, limit)) {
            case CREATED:
                return Replies.ack(name);
            case NAME_TAKEN:
                return Replies.nameNotAvailable(name);
            case LIMIT_REACHED:
                return Replies.unauthorized("channel limit reached: `" + user + "` has created " + limit
                        + " channels, the most this server allows; delete one first");
            default:
                throw new IllegalStateException("unknown create result");
        }
    }

    /** The ops that act on one channel and need its creator or a server admin. */
    private Frame channelAdmin(SessionState.Established session, AdminOp op) {
        String channel = channelOf(op);
        Optional<ChannelRecord> record = context.store().findChannel(channel);
        String user = session.path().user();
        boolean admin = context.admins().isAdmin(user);
        if (record.isEmpty() || !visibleTo(record.get(), user, admin, session)) {
            return Replies.channelNotFound(channel);
        }
        if (!admin && !record.get().createdBy().equals(user)) {
            return Replies.adminRequired();
        }
        switch (op.kind()) {
            case DELETE_CHANNEL:
                context.store().deleteChannel(channel);
                context.cluster().dropChannel(channel);
                return Replies.ack(channel);
            case RENAME_CHANNEL:
                return rename(channel, (AdminOp.RenameChannel) op);
            case SET_VISIBILITY:
                context.store().setVisibility(channel, ((AdminOp.SetVisibility) op).visibility());
                return Replies.ack(channel);
            case ACL_ADD: {
                String target = Names.check(NameKind.USERNAME, ((AdminOp.AclAdd) op).user());
                context.store().grantMembership(channel, target);
                context.cluster().unban(channel, target);
                return Replies.ack(target);
            }
            case ACL_REMOVE: {
                String target = Names.check(NameKind.USERNAME, ((AdminOp.AclRemove) op).user());
                context.store().revokeMembership(channel, target);
                context.cluster().unsubscribeUser(channel, target);
                return Replies.ack(target);
            }
            case ACL_LIST:
                return new Frame.UserList(context.store().listMembers(channel));
            case INVITE_CREATE:
                return createInvite(channel, user, (AdminOp.InviteCreate) op);
            case INVITE_LIST:
                return listInvites(channel);
            case KICK:
                return kick(channel, (AdminOp.Kick) op);
            case BAN: {
                String target = Names.check(NameKind.USERNAME, ((AdminOp.Ban) op).user());
                context.store().ban(channel, target);
                context.cluster().ban(channel, target);
                return Replies.ack(target);
            }
            case UNBAN: {
                String target = Names.check(NameKind.USERNAME, ((AdminOp.Unban) op).user());
                context.store().unban(channel, target);
                context.cluster().unban(channel, target);
                return Replies.ack(target);
            }
            case BAN_LIST:
                return new Frame.UserList(context.store().listBannedUsers(channel));
            default:
                throw new IllegalStateException("not a channel-admin op: " + op.kind());
        }
    }

    private boolean visibleTo(ChannelRecord channel, String user, boolean admin, SessionState.Established session) {
        return admin
                || channel.visibility() == Visibility.PUBLIC
                || channel.createdBy().equals(user)
                || context.hub().isSubscribed(session.member(), channel.name())
                || context.store().isMember(channel.name(), user);
    }

    /** The channel an op names, if it names one. */
    static Optional<String> channelNamed(AdminOp op) {
        switch (op.kind()) {
            case CREATE_CHANNEL:
                return Optional.of(((AdminOp.CreateChannel) op).name());
            case USER_REMOVE:
            case MACHINE_REMOVE:
            case MACHINE_ADD:
            case INVITE_REVOKE:
                return Optional.empty();
            default:
                return Optional.of(channelOf(op));
        }
    }

    private static String channelOf(AdminOp op) {
        switch (op.kind()) {
            case DELETE_CHANNEL:
                return ((AdminOp.DeleteChannel) op).name();
            case RENAME_CHANNEL:
                return ((AdminOp.RenameChannel) op).name();
            case SET_VISIBILITY:
                return ((AdminOp.SetVisibility) op).name();
            case ACL_ADD:
                return ((AdminOp.AclAdd) op).channel();
            case ACL_REMOVE:
                return ((AdminOp.AclRemove) op).channel();
            case ACL_LIST:
                return ((AdminOp.AclList) op).channel();
            case INVITE_CREATE:
                return ((AdminOp.InviteCreate) op).channel();
            case INVITE_LIST:
                return ((AdminOp.InviteList) op).channel();
            case KICK:
                return ((AdminOp.Kick) op).channel();
            case BAN:
                return ((AdminOp.Ban) op).channel();
            case UNBAN:
                return ((AdminOp.Unban) op).channel();
            case BAN_LIST:
                return ((AdminOp.BanList) op).channel();
            default:
                throw new IllegalStateException("not a channel-admin op: " + op.kind());
        }
    }

    private Frame rename(String channel, AdminOp.RenameChannel rename) {
        String newName = Names.check(NameKind.CHANNEL, rename.newName());
        switch (context.store().renameChannel(channel, newName)) {
            case RENAMED:
                context.cluster().renameChannel(channel, newName);
                return Replies.ack(newName);
            case NAME_TAKEN:
                return Replies.nameNotAvailable(newName);
            case NO_SUCH_CHANNEL:
                return Replies.channelNotFound(channel);
            default:
                throw new IllegalStateException("unknown rename result");
        }
    }

    private Frame createInvite(String channel, String creator, AdminOp.InviteCreate create) {
        Optional<Instant> expiresAt;
        try {
            expiresAt = create.expiresInSecs().map(this::expiryAfter);
        } catch (ArithmeticException | DateTimeException tooFar) {
            return Replies.malformed("invite expiry is too far in the future");
        }
        int limit = context.limits().maxInvitesPerChannel();
        OptionalLong uses = create.uses().map(OptionalLong::of).orElse(OptionalLong.empty());
        String token = Tokens.generate();
        InviteCreateResult result = context.store().createInvite(
                new InviteRecord(token, channel, uses, expiresAt, creator), limit, context.clock().now());
        if (result == InviteCreateResult.LIMIT_REACHED) {
            return Replies.unauthorized("invite limit reached: channel `" + channel + "` has " + limit
                    + " outstanding invites, the most this server allows; revoke one first");
        }
        if (result != InviteCreateResult.CREATED) {
            return Replies.internal("could not store the invite; try again");
        }
        return new Frame.InviteToken(token);
    }

    /** {@code now + seconds}, where seconds is a u64; throws if it leaves the supported range. */
    private Instant expiryAfter(long unsignedSeconds) {
        if (unsignedSeconds < 0) {
            throw new ArithmeticException("expiry beyond the signed 64-bit range");
        }
        Instant expiry = context.clock().now().plusSeconds(unsignedSeconds);
        if (expiry.isAfter(LATEST_EXPIRY)) {
            throw new DateTimeException("expiry after " + LATEST_EXPIRY);
        }
        return expiry;
    }

    private Frame listInvites(String channel) {
        List<InviteInfo> invites = context.store().listInvites(channel).stream()
                .map(invite -> new InviteInfo(
                        invite.token(),
                        invite.usesRemaining().isPresent()
                                ? Optional.of(invite.usesRemaining().getAsLong())
                                : Optional.empty(),
                        invite.expiresAt().map(Rfc3339::format)))
                .toList();
        return new Frame.InviteList(invites);
    }

    private Frame kick(String channel, AdminOp.Kick kick) {
        String target = Names.checkKickTarget(kick.target());
        Optional<SessionPath> path = SessionPath.parse(target);
        if (path.isPresent()) {
            context.cluster().unsubscribePath(channel, path.get());
        } else {
            context.cluster().unsubscribeUser(channel, target);
        }
        return Replies.ack(target);
    }

    /** Always acks, so tokens cannot be probed; deletes only for the invite's channel admin. */
    private Frame revokeInvite(SessionState.Established session, AdminOp.InviteRevoke revoke) {
        String user = session.path().user();
        context.store().findInvite(revoke.token())
                .flatMap(invite -> context.store().findChannel(invite.channel()))
                .filter(channel -> context.admins().isAdmin(user) || channel.createdBy().equals(user))
                .ifPresent(channel -> context.store().deleteInvite(revoke.token()));
        return Replies.ack(revoke.token());
    }

    private Frame removeUser(SessionState.Established session, AdminOp.UserRemove remove) {
        if (!context.admins().isAdmin(session.path().user())) {
            return Replies.adminRequired();
        }
        String username = Names.check(NameKind.USERNAME, remove.username());
        UserRemoval removal = context.store().removeUser(username);
        removal.deletedChannels().forEach(context.cluster()::dropChannel);
        context.cluster().dropUser(username, ForceDrop.USER_REMOVED);
        LOG.info("user removed user={} by={}", username, session.path());
        return Replies.ack(username);
    }

    private Frame removeMachine(SessionState.Established session, AdminOp.MachineRemove remove) {
        String user = session.path().user();
        context.store().removeMachine(user, remove.name());
        context.cluster().dropMachine(user, remove.name(), ForceDrop.MACHINE_REVOKED);
        return Replies.ack(remove.name());
    }

    private Frame addMachine(SessionState.Established session, AdminOp.MachineAdd add) {
        String name = Names.check(NameKind.MACHINE, add.name());
        Ed25519PublicKey key;
        try {
            key = Ed25519PublicKey.of(add.pubkey().toByteArray());
        } catch (MalformedKeyOrSignatureException malformed) {
            return Replies.malformed("malformed key or signature: " + malformed.getMessage());
        }
        switch (context.store().addMachine(session.path().user(), name, key)) {
            case ADDED:
                return Replies.ack(name);
            case NAME_TAKEN:
                return Replies.unauthorized("machine name `" + name + "` is already in use");
            case KEY_ALREADY_ENROLLED:
                return Replies.malformed("malformed key or signature: public key is already enrolled");
            case NO_SUCH_USER:
                return Replies.unauthorized("user removed from this server");
            default:
                throw new IllegalStateException("unknown machine-add result");
        }
    }
}
