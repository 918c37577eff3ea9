package conclave.cli;

import conclave.client.ControlOptions;
import conclave.client.ControlSession;
import conclave.client.ServerUrl;
import conclave.config.ConclaveConfig;
import conclave.config.ServerRegistration;
import conclave.identity.SigningKey;
import conclave.protocol.Frame;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code conclave status}: who you are on each registered server, reachability, and the perm table. */
@Command(name = "status", description = "Show who you are on each registered server, whether it is reachable, and your permission levels.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConclaveCommand root = ConclaveCommand.of(spec);
        ConclaveConfig config = root.configFile().load();
        PrintWriter out = spec.commandLine().getOut();
        if (config.servers().isEmpty()) {
            out.println("no servers registered; run `conclave register --server <url> --username <you>`");
            return 0;
        }
        SigningKey key = root.keyFile().load();
        int unreachable = 0;
        for (ServerRegistration server : config.servers()) {
            String state;
            try {
                Frame.Presence online = ControlSession.exchange(
                        ControlOptions.of(ServerUrl.parse(server.url()), key),
                        new Frame.Who(Optional.empty()),
                        Frame.Presence.class);
                state = "reachable (" + online.sessions().size() + " session(s) online)";
            } catch (RuntimeException e) {
                unreachable++;
                state = "unreachable: " + FailureReporter.chain(e);
            }
            out.println(server.url() + "\t" + server.username() + "/" + server.machine() + "\t" + state);
        }
        out.println();
        PermissionTable.lines(config).forEach(out::println);
        if (unreachable > 0) {
            throw new IllegalStateException(unreachable + " server(s) unreachable");
        }
        return 0;
    }
}
