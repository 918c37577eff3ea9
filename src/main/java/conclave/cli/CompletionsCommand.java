package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave completions}: shell completion scripts. */
@Command(name = "completions", description = "Print a shell completion script.")
final class CompletionsCommand extends UnbuiltCommand {}
