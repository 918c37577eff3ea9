package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave unban}: lifts a ban. */
@Command(name = "unban", description = "Lift a user's ban on a channel without granting membership (channel admin).")
final class UnbanCommand extends UnbuiltCommand {}
