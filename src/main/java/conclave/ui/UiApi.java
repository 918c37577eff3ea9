package conclave.ui;

import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.NameKind;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the page may ask: each operation ({@code POST /api/<op>}) is one request on the named
 * server's link, the same frames the CLI verbs send, and its reply turned into JSON by
 * {@link UiJson#reply}. Permission is the server's business: it refuses what this user may not do.
 */
final class UiApi {
    private static final Map<String, Function<UiArguments, Frame>> OPERATIONS = Map.ofEntries(
            Map.entry("channels", args -> new Frame.ListChannels()),
            Map.entry("join", args -> new Frame.Join(channel(args), args.optionalText("token"))),
            Map.entry("history", args -> new Frame.ReadSince(channel(args), args.instant("sinceMs"))),
            Map.entry("who", args -> new Frame.Who(Optional.of(channel(args)))),
            Map.entry("send", args -> new Frame.ChannelMsg(channel(args), SessionPath.UNSTAMPED,
                    new Payload.Plain(args.body("body")))),
            Map.entry("whisper", args -> new Frame.Whisper(SessionPath.UNSTAMPED, args.sessionPath("target"),
                    new Payload.Plain(args.body("body")))),
            Map.entry("create", args -> admin(new AdminOp.CreateChannel(channel(args), args.visibility("visibility")))),
            Map.entry("kick", args -> admin(new AdminOp.Kick(channel(args), args.kickTarget("target")))),
            Map.entry("ban", args -> admin(new AdminOp.Ban(channel(args), user(args)))),
            Map.entry("unban", args -> admin(new AdminOp.Unban(channel(args), user(args)))),
            Map.entry("bans", args -> admin(new AdminOp.BanList(channel(args)))),
            Map.entry("acl", args -> admin(new AdminOp.AclList(channel(args)))),
            Map.entry("acl-add", args -> admin(new AdminOp.AclAdd(channel(args), user(args)))),
            Map.entry("acl-remove", args -> admin(new AdminOp.AclRemove(channel(args), user(args)))),
            Map.entry("invite-create", args -> admin(new AdminOp.InviteCreate(channel(args),
                    args.optionalPositive("uses"), args.optionalPositive("expiresInSecs")))),
            Map.entry("invites", args -> admin(new AdminOp.InviteList(channel(args)))),
            Map.entry("invite-revoke", args -> admin(new AdminOp.InviteRevoke(args.text("token")))),
            Map.entry("rename", args -> admin(new AdminOp.RenameChannel(channel(args),
                    args.name("newName", NameKind.CHANNEL)))),
            Map.entry("visibility", args -> admin(new AdminOp.SetVisibility(channel(args), args.visibility("visibility")))),
            Map.entry("delete", args -> admin(new AdminOp.DeleteChannel(channel(args)))));

    /** Operations after which the session is no longer subscribed to the channel under its old name. */
    private static final Set<String> CHANNEL_GONE = Set.of("rename", "delete");

    private final UiConsole console;

    UiApi(UiConsole console) {
        this.console = console;
    }

    static boolean exists(String op) {
        return OPERATIONS.containsKey(op);
    }

    /**
     * Runs {@code op} with the page's {@code body}. Bad input fails at once with
     * {@link UiArguments.BadRequest}; otherwise the future completes with the reply, or fails when
     * the link is down or the server does not answer in time.
     */
    CompletableFuture<ObjectNode> call(String op, JsonNode body) {
        UiArguments args = new UiArguments(body);
        String url = args.text("server");
        ServerLink server = console.server(url)
                .orElseThrow(() -> new UiArguments.BadRequest("`server`: `" + url + "` is not a registered server"));
        Frame request = OPERATIONS.get(op).apply(args);
        return server.request(request).thenApply(reply -> {
            if (!(reply instanceof Frame.Error)) {
                if (reply instanceof Frame.Joined joined) {
                    server.joined(joined.channel());
                } else if (CHANNEL_GONE.contains(op)) {
                    server.forget(args.text("channel"));
                }
            }
            return UiJson.reply(reply);
        });
    }

    private static String channel(UiArguments args) {
        return args.name("channel", NameKind.CHANNEL);
    }

    private static String user(UiArguments args) {
        return args.name("user", NameKind.USERNAME);
    }

    private static Frame admin(AdminOp op) {
        return new Frame.Admin(op);
    }
}
