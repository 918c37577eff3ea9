package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave channel}: channel lifecycle. */
@Command(
        name = "channel",
        description = "Create, delete, rename, re-tier and list channels.",
        subcommands = {
            ChannelCommand.CreateCommand.class,
            ChannelCommand.DeleteCommand.class,
            ChannelCommand.RenameCommand.class,
            ChannelCommand.SetVisibilityCommand.class,
            ChannelCommand.ListCommand.class
        })
final class ChannelCommand {
    @Command(name = "create", description = "Create a channel; you become its admin and first member.")
    static final class CreateCommand extends UnbuiltCommand {}

    @Command(name = "delete", description = "Delete a channel with its members, invites, bans and history (channel admin).")
    static final class DeleteCommand extends UnbuiltCommand {}

    @Command(name = "rename", description = "Rename a channel (channel admin).")
    static final class RenameCommand extends UnbuiltCommand {}

    @Command(name = "set-visibility", description = "Make a channel public, unlisted or private (channel admin).")
    static final class SetVisibilityCommand extends UnbuiltCommand {}

    @Command(name = "list", description = "List the channels you can see.")
    static final class ListCommand extends UnbuiltCommand {}
}
