package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave key}: this machine's Ed25519 identity. */
@Command(name = "key", description = "Generate (if needed) and print this machine's public key.")
final class KeyCommand extends UnbuiltCommand {}
