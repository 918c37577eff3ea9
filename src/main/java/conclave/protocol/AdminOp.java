package conclave.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An administration, moderation or self-service operation: the payload of an {@code admin}
 * frame. Records check structure only; which names are valid is the server's decision
 * ({@link Names}).
 */
public sealed interface AdminOp {
    /** Which operation this is; dispatch on it with an exhaustive switch. */
    AdminOpKind kind();

    /** Creates a channel owned by the caller. */
    record CreateChannel(String name, Visibility visibility) implements AdminOp {
        public CreateChannel {
            requireNonNull(name, "name");
            requireNonNull(visibility, "visibility");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.CREATE_CHANNEL;
        }
    }

    /** Deletes a channel with its ACL, invites, bans and history. */
    record DeleteChannel(String name) implements AdminOp {
        public DeleteChannel {
            requireNonNull(name, "name");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.DELETE_CHANNEL;
        }
    }

    /** Renames a channel. */
    record RenameChannel(String name, String newName) implements AdminOp {
        public RenameChannel {
            requireNonNull(name, "name");
            requireNonNull(newName, "newName");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.RENAME_CHANNEL;
        }
    }

    /** Changes who can see and join a channel. */
    record SetVisibility(String name, Visibility visibility) implements AdminOp {
        public SetVisibility {
            requireNonNull(name, "name");
            requireNonNull(visibility, "visibility");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.SET_VISIBILITY;
        }
    }

    /** Makes a user a member of a channel. */
    record AclAdd(String channel, String user) implements AdminOp {
        public AclAdd {
            requireNonNull(channel, "channel");
            requireNonNull(user, "user");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.ACL_ADD;
        }
    }

    /** Removes a user's membership of a channel. */
    record AclRemove(String channel, String user) implements AdminOp {
        public AclRemove {
            requireNonNull(channel, "channel");
            requireNonNull(user, "user");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.ACL_REMOVE;
        }
    }

    /**
     * Creates an invite to a channel. {@code uses} is a u32 (empty = unlimited);
     * {@code expiresInSecs} is a u64 held as its raw 64 bits, so values above
     * {@link Long#MAX_VALUE} read as negative: use {@link Long#toUnsignedString(long)} and
     * {@link Long#compareUnsigned(long, long)} on it (empty = never expires).
     */
    record InviteCreate(String channel, Optional<Long> uses, Optional<Long> expiresInSecs)
            implements AdminOp {
        public InviteCreate {
            requireNonNull(channel, "channel");
            requireNonNull(uses, "uses");
            requireNonNull(expiresInSecs, "expiresInSecs");
            uses.ifPresent(value -> Unsigned.requireU32("uses", value));
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.INVITE_CREATE;
        }

        /** Shows {@code expiresInSecs} as the unsigned number it is. */
        @Override
        public String toString() {
            return "InviteCreate[channel=" + channel
                    + ", uses=" + uses.map(String::valueOf).orElse("unlimited")
                    + ", expiresInSecs=" + expiresInSecs.map(Long::toUnsignedString).orElse("never")
                    + "]";
        }
    }

    /** Revokes an invite by its token. */
    record InviteRevoke(String token) implements AdminOp {
        public InviteRevoke {
            requireNonNull(token, "token");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.INVITE_REVOKE;
        }

        /** Redacts the token: it grants access to a channel. */
        @Override
        public String toString() {
            return "InviteRevoke[token=<redacted>]";
        }
    }

    /** Unsubscribes a user's sessions, or one session given as a full path, from a channel. */
    record Kick(String channel, String target) implements AdminOp {
        public Kick {
            requireNonNull(channel, "channel");
            requireNonNull(target, "target");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.KICK;
        }
    }

    /** Bans a user from a channel. */
    record Ban(String channel, String user) implements AdminOp {
        public Ban {
            requireNonNull(channel, "channel");
            requireNonNull(user, "user");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.BAN;
        }
    }

    /** Removes a user and everything they own from the server. */
    record UserRemove(String username) implements AdminOp {
        public UserRemove {
            requireNonNull(username, "username");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.USER_REMOVE;
        }
    }

    /** Revokes one of the caller's own machines. */
    record MachineRemove(String name) implements AdminOp {
        public MachineRemove {
            requireNonNull(name, "name");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.MACHINE_REMOVE;
        }
    }

    /** Enrols another machine key on the caller's account. */
    record MachineAdd(String name, Bytes pubkey) implements AdminOp {
        public MachineAdd {
            requireNonNull(name, "name");
            requireNonNull(pubkey, "pubkey");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.MACHINE_ADD;
        }
    }

    /** Lists a channel's members. */
    record AclList(String channel) implements AdminOp {
        public AclList {
            requireNonNull(channel, "channel");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.ACL_LIST;
        }
    }

    /** Lifts a user's ban from a channel. */
    record Unban(String channel, String user) implements AdminOp {
        public Unban {
            requireNonNull(channel, "channel");
            requireNonNull(user, "user");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.UNBAN;
        }
    }

    /** Lists the users banned from a channel. */
    record BanList(String channel) implements AdminOp {
        public BanList {
            requireNonNull(channel, "channel");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.BAN_LIST;
        }
    }

    /** Lists a channel's outstanding invites. */
    record InviteList(String channel) implements AdminOp {
        public InviteList {
            requireNonNull(channel, "channel");
        }

        @Override
        public AdminOpKind kind() {
            return AdminOpKind.INVITE_LIST;
        }
    }
}
