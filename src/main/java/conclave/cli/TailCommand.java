package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave tail}: a channel streamed to the terminal. */
@Command(name = "tail", description = "Stream a channel to the terminal.")
final class TailCommand extends UnbuiltCommand {}
