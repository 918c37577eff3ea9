package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave kick}: moderation without a lasting ban. */
@Command(name = "kick", description = "Unsubscribe a session, or all of a user's sessions, from a channel (channel admin).")
final class KickCommand extends UnbuiltCommand {}
