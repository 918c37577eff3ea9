package conclave.cli;

import conclave.config.ConclaveConfig;
import conclave.config.ServerRegistration;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code conclave server}: the local list of known servers; never contacts them. */
@Command(
        name = "server",
        description = "Manage the local list of known servers (never contacts them).",
        subcommands = {
            ServerCommand.ListCommand.class,
            ServerCommand.RemoveCommand.class
        })
final class ServerCommand {
    @Command(name = "list", description = "List the servers this machine is registered on.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ConclaveConfig config = ConclaveCommand.of(spec).configFile().load();
            PrintWriter out = spec.commandLine().getOut();
            if (config.servers().isEmpty()) {
                out.println("no servers registered (see `conclave register`)");
            }
            for (ServerRegistration server : config.servers()) {
                out.println(server.url() + "\t" + server.username() + "/" + server.machine());
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Forget a server and its permission overrides.")
    static final class RemoveCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<URL>", description = "The registered URL, exactly as `server list` prints it.")
        String url;

        @Override
        public Integer call() {
            AtomicReference<Integer> removed = new AtomicReference<>();
            ConclaveCommand.of(spec).configFile().update(config -> {
                if (config.server(url).isEmpty()) {
                    throw ServerAccess.notRegistered(url);
                }
                removed.set(config.overridesFor(url).size());
                return config.withoutServer(url);
            });
            spec.commandLine().getOut()
                    .println("✓ forgot `" + url + "` (" + removed.get() + " permission override(s) removed)");
            return 0;
        }
    }
}
