package conclave.cli;

import conclave.server.ConclaveServer;
import conclave.server.ServerOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A real in-memory server on a free port, with "admin" as its (unpinned) server admin. */
final class LiveServer implements AutoCloseable {
    final ConclaveServer server;
    final String url;

    LiveServer() {
        server = ConclaveServer.start(
                new ServerOptions(new InetSocketAddress("127.0.0.1", 0), Optional.empty(), List.of("admin")));
        url = "ws://127.0.0.1:" + server.address().getPort();
    }

    /** Runs the CLI with {@code --config-dir dir} appended. */
    static CliRun run(Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config-dir");
        all.add(dir.toString());
        return CliRun.of(all.toArray(String[]::new));
    }

    /** Registers {@code user} from {@code dir} as machine "m", asserting success. */
    CliRun register(Path dir, String user) {
        CliRun run = run(dir, "register", "--server", url, "--username", user, "--machine", "m");
        if (run.exitCode() != 0) {
            throw new AssertionError(run.err());
        }
        return run;
    }

    @Override
    public void close() {
        server.close();
    }
}
