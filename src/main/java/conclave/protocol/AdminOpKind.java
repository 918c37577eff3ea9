package conclave.protocol;

import java.util.Optional;

/**
 * The 17 admin operations carried by an {@code admin} frame, in bincode index order.
 *
 * <p>Indices are append-only. The JSON name is the op's {@code op} value and its name in logs.
 */
public enum AdminOpKind {
    CREATE_CHANNEL(0, "create_channel"),
    DELETE_CHANNEL(1, "delete_channel"),
    RENAME_CHANNEL(2, "rename_channel"),
    SET_VISIBILITY(3, "set_visibility"),
    ACL_ADD(4, "acl_add"),
    ACL_REMOVE(5, "acl_remove"),
    INVITE_CREATE(6, "invite_create"),
    INVITE_REVOKE(7, "invite_revoke"),
    KICK(8, "kick"),
    BAN(9, "ban"),
    USER_REMOVE(10, "user_remove"),
    MACHINE_REMOVE(11, "machine_remove"),
    MACHINE_ADD(12, "machine_add"),
    ACL_LIST(13, "acl_list"),
    UNBAN(14, "unban"),
    BAN_LIST(15, "ban_list"),
    INVITE_LIST(16, "invite_list");

    private static final WireVariants<AdminOpKind> VARIANTS =
            new WireVariants<>(values(), AdminOpKind::index, AdminOpKind::jsonName);

    private final int index;
    private final String jsonName;

    AdminOpKind(int index, String jsonName) {
        this.index = index;
        this.jsonName = jsonName;
    }

    /** The bincode variant index. */
    public int index() {
        return index;
    }

    /** The JSON {@code op} value, e.g. {@code invite_create}. */
    public String jsonName() {
        return jsonName;
    }

    /** The op with this bincode index, or empty for an unknown index. */
    public static Optional<AdminOpKind> fromIndex(long index) {
        return VARIANTS.fromIndex(index);
    }

    /** The op with this JSON {@code op} name, or empty for an unknown name. */
    public static Optional<AdminOpKind> fromJsonName(String jsonName) {
        return VARIANTS.fromJsonName(jsonName);
    }
}
