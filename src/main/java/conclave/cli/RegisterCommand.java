package conclave.cli;

import conclave.client.ControlOptions;
import conclave.client.ControlSession;
import conclave.client.ServerUrl;
import conclave.config.ServerRegistration;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code conclave register}: first contact with a server. */
@Command(name = "register", description = "Claim a username on a server and enroll this machine.")
final class RegisterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "<URL>", description = "The server's ws:// or wss:// URL.")
    String server;

    @Option(names = "--username", required = true, paramLabel = "<NAME>", description = "The username to claim.")
    String username;

    @Option(names = "--machine", paramLabel = "<NAME>", description = "This machine's name (default: the host name).")
    String machine;

    @Override
    public Integer call() {
        ConclaveCommand root = ConclaveCommand.of(spec);
        String machineName = machine != null ? machine : hostName();
        ControlOptions options = ControlOptions.of(ServerUrl.parse(server), root.keyFile().loadOrCreate());
        String path;
        try (ControlSession session = ControlSession.register(options, username, machineName)) {
            path = session.path().text();
        }
        // A re-registration keeps the approver chosen with `perm approver set`.
        root.configFile().update(config -> config.withServer(new ServerRegistration(server, username, machineName,
                config.server(server).flatMap(ServerRegistration::approver))));
        spec.commandLine().getOut().println("✓ registered " + path);
        return 0;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env != null && !env.isBlank() ? env : "localhost";
        }
    }
}
