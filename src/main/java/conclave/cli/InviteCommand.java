package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave invite}: invite tokens for private channels. */
@Command(
        name = "invite",
        description = "Manage invite tokens for a channel (channel admin).",
        subcommands = {
            InviteCommand.CreateCommand.class,
            InviteCommand.ListCommand.class,
            InviteCommand.RevokeCommand.class
        })
final class InviteCommand {
    @Command(name = "create", description = "Mint an invite token, optionally limited in uses and lifetime.")
    static final class CreateCommand extends UnbuiltCommand {}

    @Command(name = "list", description = "List outstanding invite tokens.")
    static final class ListCommand extends UnbuiltCommand {}

    @Command(name = "revoke", description = "Revoke an invite token.")
    static final class RevokeCommand extends UnbuiltCommand {}
}
