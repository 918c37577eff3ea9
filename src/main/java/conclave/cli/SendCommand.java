package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave send}: one message from a human. */
@Command(name = "send", description = "Post one message to a channel.")
final class SendCommand extends UnbuiltCommand {}
