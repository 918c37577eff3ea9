package conclave.cli;

import conclave.protocol.AdminOp;
import conclave.protocol.ChannelInfo;
import conclave.protocol.Frame;
import conclave.protocol.Visibility;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
    static final class CreateCommand extends ControlCommand {
        @Parameters(paramLabel = "<NAME>", description = "The channel name.")
        String name;

        @Option(names = "--visibility", paramLabel = "<TIER>", defaultValue = "public", description = "public, unlisted or private (default: public).")
        String visibility;

        @Override
        public Integer call() {
            return adminAck(new AdminOp.CreateChannel(name, tier(visibility)), name);
        }
    }

    @Command(name = "delete", description = "Delete a channel with its members, invites, bans and history (channel admin).")
    static final class DeleteCommand extends ControlCommand {
        @Parameters(paramLabel = "<NAME>", description = "The channel name.")
        String name;

        @Override
        public Integer call() {
            return adminAck(new AdminOp.DeleteChannel(name), name);
        }
    }

    @Command(name = "rename", description = "Rename a channel (channel admin).")
    static final class RenameCommand extends ControlCommand {
        @Parameters(index = "0", paramLabel = "<NAME>", description = "The current name.")
        String name;

        @Parameters(index = "1", paramLabel = "<NEW_NAME>", description = "The new name.")
        String newName;

        @Override
        public Integer call() {
            return adminAck(new AdminOp.RenameChannel(name, newName), newName);
        }
    }

    @Command(name = "set-visibility", description = "Make a channel public, unlisted or private (channel admin).")
    static final class SetVisibilityCommand extends ControlCommand {
        @Parameters(index = "0", paramLabel = "<NAME>", description = "The channel name.")
        String name;

        @Parameters(index = "1", paramLabel = "<VISIBILITY>", description = "public, unlisted or private.")
        String visibility;

        @Override
        public Integer call() {
            return adminAck(new AdminOp.SetVisibility(name, tier(visibility)), name);
        }
    }

    @Command(name = "list", description = "List the channels you can see.")
    static final class ListCommand extends ControlCommand {
        @Override
        public Integer call() {
            for (ChannelInfo channel : exchange(new Frame.ListChannels(), Frame.ChannelList.class).channels()) {
                out().println(channel.name() + "\t" + channel.visibility().word() + (channel.member() ? "\t(member)" : ""));
            }
            return 0;
        }
    }

    static Visibility tier(String word) {
        return Visibility.fromWord(word).orElseThrow(() -> new IllegalArgumentException(
                "unknown visibility tier `" + word + "` (expected public, unlisted, or private)"));
    }
}
