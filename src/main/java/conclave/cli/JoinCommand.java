package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave join}: checks that a channel admits you. */
@Command(name = "join", description = "Verify channel access (and optionally set the local permission level).")
final class JoinCommand extends UnbuiltCommand {}
