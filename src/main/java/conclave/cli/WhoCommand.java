package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave who}: presence. */
@Command(name = "who", description = "Show who is online on a server or in a channel.")
final class WhoCommand extends UnbuiltCommand {}
