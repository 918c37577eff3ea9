package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave status}: who am I, on every registered server. */
@Command(name = "status", description = "Show who you are on each registered server, whether it is reachable, and your permission levels.")
final class StatusCommand extends UnbuiltCommand {}
