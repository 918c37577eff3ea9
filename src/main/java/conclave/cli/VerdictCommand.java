package conclave.cli;

import conclave.bridge.ApprovalText;
import conclave.client.ClientTransport;
import conclave.client.ControlOptions;
import conclave.client.Link;
import conclave.client.LinkOptions;
import conclave.client.ServerUrl;
import conclave.protocol.NameKind;
import conclave.protocol.Names;
import conclave.protocol.SessionPath;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code conclave approve} and {@code conclave deny}: the human approver's answer to a relayed
 * Claude Code permission prompt. It connects as the approver's session ({@code --as}, by default
 * {@value #DEFAULT_HANDLE}, the path the requesting machine configured with
 * {@code perm approver set}), whispers the verdict to the requesting session and waits for its
 * bridge to confirm. A running {@code tail --approvals} on the same path is superseded for that
 * moment and reconnects by itself.
 */
@Command // subclasses supply every attribute
abstract class VerdictCommand implements Callable<Integer> {
    /** The approver's session handle unless {@code --as} says otherwise. */
    static final String DEFAULT_HANDLE = "approver";
    /** How long to wait for connecting and for the requesting bridge's confirmation, each. */
    static final Duration WAIT = ControlOptions.REPLY_TIMEOUT;
    private static final Pattern REQUEST_ID = Pattern.compile("[a-km-z]{5}");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<ID>", description = "The request id: five letters, as the request shows it.")
    String id;

    @Option(names = "--server", required = true, paramLabel = "<URL>", description = "A registered server URL.")
    String server;

    @Option(names = "--to", required = true, paramLabel = "<PATH>",
            description = "The requesting session's user/machine/session path, as the request shows it.")
    String to;

    @Option(names = "--as", paramLabel = "<HANDLE>",
            description = "Session handle of the approver (default: " + DEFAULT_HANDLE + "; it must match the requesting machine's `perm approver`).")
    String handle;

    /** True for approve, false for deny. */
    abstract boolean allow();

    @Override
    public Integer call() throws InterruptedException {
        if (!REQUEST_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("`" + TerminalText.safe(id)
                    + "` is not a request id: five letters a-z without l, as the request shows it");
        }
        SessionPath target = SessionPath.parse(to).orElseThrow(() -> new IllegalArgumentException(
                "--to must be a user/machine/session path, got `" + TerminalText.safe(to) + "`"));
        String session = handle == null ? DEFAULT_HANDLE : Names.check(NameKind.SESSION_HANDLE, handle);
        ServerAccess.registration(spec, server);
        ConclaveCommand root = ConclaveCommand.of(spec);
        if (!root.verbose) {
            LogLevel.errorsOnly(Link.class.getPackageName()); // failures are reported once, below
        }
        LinkOptions options = LinkOptions.of(ServerUrl.parse(server), root.keyFile().load(), () -> session)
                .withDialNoticeAfter(1);
        try (ClientTransport transport = ClientTransport.start()) {
            VerdictExchange[] exchange = new VerdictExchange[1];
            Link link = Link.openWith(transport, options,
                    opened -> exchange[0] = new VerdictExchange(opened, target, id, allow()));
            try {
                return report(exchange[0], target);
            } finally {
                link.close();
            }
        }
    }

    private int report(VerdictExchange exchange, SessionPath target) throws InterruptedException {
        ApprovalText.Confirmation confirmation;
        try {
            confirmation = exchange.outcome().get(LinkOptions.CONNECT_TIMEOUT.plus(WAIT).plus(WAIT).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw (RuntimeException) failed.getCause();
        } catch (TimeoutException silent) {
            throw new IllegalStateException(exchange.delivered().isDone()
                    ? "the verdict reached " + target.text() + ", but its bridge did not confirm within "
                            + WAIT.toSeconds() + "s (it has no approver set, or it is an older bridge)"
                    : "no connection to `" + server + "` within " + LinkOptions.CONNECT_TIMEOUT.plus(WAIT).toSeconds()
                            + "s");
        }
        if (!confirmation.applied()) {
            throw new IllegalStateException(target.text() + " rejected the verdict: "
                    + TerminalText.safe(confirmation.detail()));
        }
        spec.commandLine().getOut().println("✓ " + (confirmation.detail().equals("allow") ? "allowed" : "denied")
                + " request " + id + " of " + target.text());
        return 0;
    }

    /** {@code conclave approve}. */
    @Command(name = "approve", description = "Allow a Claude Code permission request relayed to you as the approver.")
    static final class Approve extends VerdictCommand {
        @Override
        boolean allow() {
            return true;
        }
    }

    /** {@code conclave deny}. */
    @Command(name = "deny", description = "Deny a Claude Code permission request relayed to you as the approver.")
    static final class Deny extends VerdictCommand {
        @Override
        boolean allow() {
            return false;
        }
    }
}
