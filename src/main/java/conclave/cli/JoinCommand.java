package conclave.cli;

import conclave.config.PermissionLevel;
import conclave.config.PermissionOverride;
import conclave.config.PermissionScope;
import conclave.protocol.Frame;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code conclave join}: verify channel access, redeem an invite, optionally set the local level. */
@Command(name = "join", description = "Verify channel access (and optionally set the local permission level).")
final class JoinCommand extends ControlCommand {
    static final String NOTE = "note: this only verified access and set the local permission;"
            + " a live session subscribes with the skill's `join_channel` tool";

    @Parameters(paramLabel = "<CHANNEL>", description = "The channel.")
    String channel;

    @Option(names = "--token", paramLabel = "<TOKEN>", description = "An invite token (adds you to the channel's members).")
    String token;

    @Option(names = "--perm", paramLabel = "<LEVEL>", completionCandidates = PermCommand.LevelNames.class,
            description = "Also set the local level for this channel: mute, notify, converse or act.")
    String perm;

    @Override
    public Integer call() {
        Optional<PermissionLevel> level = Optional.ofNullable(perm).map(PermissionLevel::parse);
        exchange(new Frame.Join(channel, Optional.ofNullable(token)), Frame.Joined.class);
        level.ifPresent(chosen -> ConclaveCommand.of(spec).configFile().update(config -> config.withOverride(
                new PermissionOverride(server, PermissionScope.channel(channel), chosen))));
        out().println("✓ joined " + channel);
        spec.commandLine().getErr().println(NOTE);
        return 0;
    }
}
