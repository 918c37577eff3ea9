package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave bans}: the ban list of a channel. */
@Command(name = "bans", description = "List the users banned from a channel (channel admin).")
final class BansCommand extends UnbuiltCommand {}
