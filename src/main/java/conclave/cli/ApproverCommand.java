package conclave.cli;

import conclave.config.ConclaveConfig;
import conclave.config.ServerRegistration;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code conclave perm approver}: the {@code user/machine/session} that answers this machine's
 * Claude Code permission prompts on a server, kept as {@code approver} in the server's
 * {@code [[servers]]} table. Bridges read it when they start.
 */
@Command(
        name = "approver",
        description = "Set, show or clear the human who answers this machine's Claude Code permission prompts on a server.",
        subcommands = {
            ApproverCommand.SetCommand.class,
            ApproverCommand.ShowCommand.class,
            ApproverCommand.ClearCommand.class
        })
final class ApproverCommand {
    private ApproverCommand() {}

    /** The registration {@code --server} names, or the only one when it is not given. */
    static ServerRegistration registration(ConclaveConfig config, String server) {
        if (server != null) {
            return config.server(server).orElseThrow(() -> ServerAccess.notRegistered(server));
        }
        List<ServerRegistration> servers = config.servers();
        if (servers.size() != 1) {
            throw new IllegalArgumentException(servers.isEmpty()
                    ? "no server registered (see `conclave register`)"
                    : "several servers are registered; pass --server <URL>");
        }
        return servers.get(0);
    }

    /** {@code set} and {@code clear}: change the approver kept for one registered server and say what it is now. */
    @Command // lets the @Spec and @Option below be injected; subclasses supply every attribute
    abstract static class ChangeCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--server", paramLabel = "<URL>", description = "The registered server (default: the only one).")
        String server;

        /** The approver to keep, or none to relay prompts into the session. */
        abstract Optional<String> approver();

        /** What to print once the approver of {@code url} is saved. */
        abstract String done(String url);

        @Override
        public Integer call() {
            ConclaveConfig saved = ConclaveCommand.of(spec).configFile().update(config ->
                    config.withApprover(registration(config, server).url(), approver()));
            spec.commandLine().getOut().println(done(registration(saved, server).url()));
            return 0;
        }
    }

    @Command(name = "set", description = "Send permission prompts to this path on the server (applies to newly started bridges).")
    static final class SetCommand extends ChangeCommand {
        @Parameters(paramLabel = "<PATH>",
                description = "The approver's user/machine/session, e.g. alice/laptop/approver (what `conclave tail --approvals` connects as).")
        String path;

        @Override
        Optional<String> approver() {
            return Optional.of(path);
        }

        @Override
        String done(String url) {
            return "✓ permission prompts of bridges on `" + url + "` go to " + path + " (applies to newly started bridges)";
        }
    }

    @Command(name = "show", description = "Show the approver of each registered server.")
    static final class ShowCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--server", paramLabel = "<URL>", description = "Only this registered server.")
        String server;

        @Override
        public Integer call() {
            ConclaveConfig config = ConclaveCommand.of(spec).configFile().load();
            List<ServerRegistration> shown = server == null
                    ? config.servers()
                    : List.of(config.server(server).orElseThrow(() -> ServerAccess.notRegistered(server)));
            PrintWriter out = spec.commandLine().getOut();
            if (shown.isEmpty()) {
                out.println("no servers registered (see `conclave register`)");
            }
            for (ServerRegistration registration : shown) {
                out.println(registration.url() + " -> " + registration.approver()
                        .orElse("none (prompts are relayed into the session)"));
            }
            return 0;
        }
    }

    @Command(name = "clear", description = "Relay permission prompts into the session again (applies to newly started bridges).")
    static final class ClearCommand extends ChangeCommand {
        @Override
        Optional<String> approver() {
            return Optional.empty();
        }

        @Override
        String done(String url) {
            return "✓ no approver on `" + url + "` (applies to newly started bridges)";
        }
    }
}
