package conclave.cli;

import conclave.client.ClientTransport;
import conclave.client.ControlOptions;
import conclave.client.Link;
import conclave.client.LinkOptions;
import conclave.client.ServerUrl;
import conclave.identity.SigningKey;
import conclave.protocol.NameKind;
import conclave.protocol.Names;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code conclave tail}: a channel streamed to the terminal until Ctrl-C, surviving reconnects;
 * or, with {@code --approvals}, the permission requests whispered to the approver's session.
 * stdout carries only the stream; status lines go to stderr.
 */
@Command(name = "tail", description = "Stream a channel (or, with --approvals, the permission requests sent to you as approver) to the terminal until Ctrl-C, reconnecting as needed.")
final class TailCommand implements Callable<Integer> {
    /** After a lost connection an approvals tail waits longer: `approve` may hold its path for a moment. */
    static final Duration APPROVALS_FIRST_REDIAL = Duration.ofSeconds(3);

    /** What to follow: exactly one of a channel and the approval requests. */
    static final class Target {
        @Option(names = "--channel", required = true, paramLabel = "<CHANNEL>", description = "The channel.")
        String channel;

        @Option(names = "--approvals", required = true,
                description = "Show the permission requests whispered to this session (default handle: "
                        + VerdictCommand.DEFAULT_HANDLE + ") with the commands that answer them.")
        boolean approvals;
    }

    /** Re-dials after a lost connection wait 1 s, doubling to 30 s (reference/cli.md). */
    static final Duration FIRST_REDIAL = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "<URL>", description = "A registered server URL.")
    String server;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--as", paramLabel = "<HANDLE>", description = "Session handle (default: cli-<pid>, or "
            + VerdictCommand.DEFAULT_HANDLE + " with --approvals; a live bridge's handle would supersede that bridge).")
    String handle;

    @Option(names = "--since", paramLabel = "<DURATION>", description = "Replay history first, e.g. 10m, 2h, 1d (up to the server's 7-day retention).")
    String since;

    @Override
    public Integer call() {
        InstantSource clock = InstantSource.system();
        if (target.approvals && since != null) {
            throw new IllegalArgumentException("--since replays a channel; it does not go with --approvals");
        }
        OptionalLong watermark = since == null ? OptionalLong.empty() : OptionalLong.of(startOf(since, clock.millis()));
        String defaultHandle = target.approvals ? VerdictCommand.DEFAULT_HANDLE : ControlOptions.defaultHandle();
        String session = handle == null ? defaultHandle : Names.check(NameKind.SESSION_HANDLE, handle);
        ServerAccess.registration(spec, server);
        ConclaveCommand root = ConclaveCommand.of(spec);
        SigningKey key = root.keyFile().load();
        if (!root.verbose) {
            // The tail reports the link's ups and downs itself, in the reference's words on stderr;
            // the link's own log lines would say each thing twice.
            LogLevel.errorsOnly(Link.class.getPackageName());
        }
        LinkOptions options = LinkOptions.of(ServerUrl.parse(server), key, () -> session)
                .withFirstRedial(target.approvals ? APPROVALS_FIRST_REDIAL : FIRST_REDIAL)
                .withDialNoticeAfter(1); // the first connection failing is fatal
        TailOutput output = new TailOutput();
        ShutdownSignals.onTermOrInt(output::stop);
        try (ClientTransport transport = ClientTransport.start()) {
            Link link = Link.openWith(transport, options, opened -> target.approvals
                    ? new ApprovalTail(opened, server, Optional.ofNullable(handle), output)
                    : new ChannelTail(opened, target.channel, new TailFeed(target.channel, watermark), output, clock));
            try {
                return output.printTo(spec.commandLine().getOut(), spec.commandLine().getErr());
            } finally {
                link.close();
            }
        }
    }

    /** now − {@code --since}, in milliseconds; a span longer than all of time starts at the epoch. */
    static long startOf(String since, long nowMs) {
        long seconds = DurationArgument.seconds(since);
        return seconds >= nowMs / 1000 ? 0 : nowMs - seconds * 1000;
    }
}
