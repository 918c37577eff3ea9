package conclave.bridge;

import conclave.protocol.AdminOp;
import conclave.protocol.Visibility;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns the arguments of the 14 admin tools into the admin op to send (reference/bridge.md §4.4),
 * failing with the text that names the missing or invalid argument. Stateless.
 */
final class AdminTools {
    private static final long U32_MAX = 0xFFFF_FFFFL;

    private AdminTools() {}

    /**
     * The op for admin tool {@code tool}.
     *
     * @throws ToolFailure for a missing or invalid argument
     */
    static AdminOp op(String tool, ToolArguments args) {
        switch (tool) {
            case "create_channel": {
                String name = args.required("name", "`name` is required");
                return new AdminOp.CreateChannel(name, visibility(args).orElse(Visibility.PUBLIC));
            }
            case "delete_channel":
                return new AdminOp.DeleteChannel(args.required("name", "`name` is required"));
            case "set_visibility": {
                String missing = "`name` and a valid `visibility` are required";
                String name = args.required("name", missing);
                Visibility visibility = args.string("visibility").flatMap(Visibility::fromWord)
                        .orElseThrow(() -> new ToolFailure(missing));
                return new AdminOp.SetVisibility(name, visibility);
            }
            case "acl_add":
                return new AdminOp.AclAdd(channel(args, "user"), user(args));
            case "acl_remove":
                return new AdminOp.AclRemove(channel(args, "user"), user(args));
            case "invite_create": {
                String channel = args.required("channel", "`channel` is required");
                OptionalLong uses = args.integer("uses", U32_MAX);
                OptionalLong expires = args.integer("expires_in_secs", Long.MAX_VALUE);
                return new AdminOp.InviteCreate(channel, boxed(uses), boxed(expires));
            }
            case "invite_revoke":
                return new AdminOp.InviteRevoke(args.required("token", "`token` is required"));
            case "kick": {
                String channel = channel(args, "target");
                return new AdminOp.Kick(channel, args.required("target", "`channel` and `target` are required"));
            }
            case "ban":
                return new AdminOp.Ban(channel(args, "user"), user(args));
            case "unban":
                return new AdminOp.Unban(channel(args, "user"), user(args));
            case "rename_channel": {
                String missing = "`name` and `new_name` are required";
                return new AdminOp.RenameChannel(args.required("name", missing), args.required("new_name", missing));
            }
            case "acl_list":
                return new AdminOp.AclList(args.required("channel", "`channel` is required"));
            case "ban_list":
                return new AdminOp.BanList(args.required("channel", "`channel` is required"));
            case "invite_list":
                return new AdminOp.InviteList(args.required("channel", "`channel` is required"));
            default:
                throw new IllegalArgumentException("not an admin tool: " + tool);
        }
    }

    /** The channel of a two-argument op whose other argument is {@code other}. */
    private static String channel(ToolArguments args, String other) {
        return args.required("channel", "`channel` and `" + other + "` are required");
    }

    private static String user(ToolArguments args) {
        return args.required("user", "`channel` and `user` are required");
    }

    /** The optional visibility of {@code create_channel}: absent is public, anything invalid an error (SPEC §6.14). */
    private static Optional<Visibility> visibility(ToolArguments args) {
        if (args.string("visibility").isEmpty() && !args.present("visibility")) {
            return Optional.empty();
        }
        return Optional.of(args.string("visibility").flatMap(Visibility::fromWord)
                .orElseThrow(() -> new ToolFailure("`visibility` must be public, unlisted, or private")));
    }

    private static Optional<Long> boxed(OptionalLong value) {
        return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
    }
}
