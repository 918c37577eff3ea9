package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave ban}: durable moderation. */
@Command(name = "ban", description = "Ban a user from a channel and unsubscribe their sessions (channel admin).")
final class BanCommand extends UnbuiltCommand {}
