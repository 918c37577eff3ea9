package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave serve}: the central server. */
@Command(name = "serve", description = "Run the central server.")
final class ServeCommand extends UnbuiltCommand {}
