package conclave.cli;

import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.InviteInfo;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code conclave invite}: invite tokens for a channel. */
@Command(
        name = "invite",
        description = "Manage invite tokens for a channel (channel admin).",
        subcommands = {
            InviteCommand.CreateCommand.class,
            InviteCommand.ListCommand.class,
            InviteCommand.RevokeCommand.class
        })
final class InviteCommand {
    private static final long U32_MAX = 0xFFFF_FFFFL;

    @Command(name = "create", description = "Mint an invite token, optionally limited in uses and lifetime.")
    static final class CreateCommand extends ControlCommand {
        @Mixin
        ChannelOption channel;

        @Option(names = "--uses", paramLabel = "<N>", description = "How many times it may be redeemed (default: unlimited).")
        Long uses;

        @Option(names = "--expires-in", paramLabel = "<DURATION>", description = "Lifetime, e.g. 30m, 12h, 7d (default: never expires).")
        String expiresIn;

        @Override
        public Integer call() {
            if (uses != null && (uses < 0 || uses > U32_MAX)) {
                throw new IllegalArgumentException("--uses must be between 0 and " + U32_MAX);
            }
            Optional<Long> expiry = Optional.ofNullable(expiresIn).map(DurationArgument::seconds);
            AdminOp op = new AdminOp.InviteCreate(channel.name, Optional.ofNullable(uses), expiry);
            Frame.InviteToken token = exchange(new Frame.Admin(op), Frame.InviteToken.class);
            out().println("invite token: " + token.token());
            return 0;
        }
    }

    @Command(name = "list", description = "List outstanding invite tokens.")
    static final class ListCommand extends ControlCommand {
        @Mixin
        ChannelOption channel;

        @Override
        public Integer call() {
            Frame.InviteList list = exchange(new Frame.Admin(new AdminOp.InviteList(channel.name)), Frame.InviteList.class);
            for (InviteInfo invite : list.invites()) {
                out().println(invite.token()
                        + "\tuses: " + invite.usesRemaining().map(String::valueOf).orElse("unlimited")
                        + "\texpires: " + invite.expiresAt().orElse("never"));
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke an invite token.")
    static final class RevokeCommand extends ControlCommand {
        @Parameters(paramLabel = "<TOKEN>",
                description = "The token (put `--` before one that starts with `-`).")
        String token;

        @Override
        public Integer call() {
            return adminAck(new AdminOp.InviteRevoke(token), token);
        }
    }
}
