package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave register}: first contact with a server. */
@Command(name = "register", description = "Claim a username on a server and enroll this machine.")
final class RegisterCommand extends UnbuiltCommand {}
