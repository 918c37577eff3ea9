package conclave.cli;

import picocli.CommandLine.Option;

/** The {@code --channel} option of a verb that acts on one channel. */
final class ChannelOption {
    @Option(names = "--channel", required = true, paramLabel = "<CHANNEL>", description = "The channel.")
    String name;
}
