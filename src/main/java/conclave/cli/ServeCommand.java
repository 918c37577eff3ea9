package conclave.cli;

import conclave.config.XdgDirs;
import conclave.server.ConclaveServer;
import conclave.server.ServerOptions;
import conclave.server.cluster.ClusterAddress;
import conclave.store.PostgresUrl;
import conclave.store.StoreLocation;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code conclave serve}: the central server, until SIGTERM or SIGINT drains it. */
@Command(
        name = "serve",
        description = "Run the central server.",
        footer = {"", "Environment: CONCLAVE_BIND, CONCLAVE_METRICS_BIND, CONCLAVE_DATA_DIR, CONCLAVE_STORE (with PGUSER, PGPASSWORD),",
            "CONCLAVE_CLUSTER, CONCLAVE_ADMINS (comma-separated), CONCLAVE_LOG_FORMAT=json,",
            "CONCLAVE_OTLP_ENDPOINT (OTLP/HTTP export of traces and logs, with OTEL_EXPORTER_OTLP_HEADERS),",
            "and one variable per limit flag (see README.md, \"Limits\")."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--bind",
            paramLabel = "<ADDR>",
            defaultValue = "${env:CONCLAVE_BIND:-127.0.0.1:4390}",
            converter = SocketAddressConverter.class,
            description = "Address to listen on, host:port (default: ${DEFAULT-VALUE}; 0.0.0.0:4390 exposes it).")
    InetSocketAddress bind;

    @Option(
            names = "--data-dir",
            paramLabel = "<PATH>",
            defaultValue = "${env:CONCLAVE_DATA_DIR}",
            description = "Directory of the persistent store, created if missing (default: $XDG_DATA_HOME/conclave or ~/.local/share/conclave).")
    Path dataDir;

    @Option(
            names = "--store",
            paramLabel = "<URL>",
            defaultValue = "${env:CONCLAVE_STORE}",
            description = "Keep the data in PostgreSQL instead of SQLite: jdbc:postgresql://HOST[:PORT]/DATABASE[?user=…&password=…]"
                    + " (env CONCLAVE_STORE; PGUSER and PGPASSWORD fill in missing credentials). Several servers may share one database.")
    String storeUrl;

    @Option(
            names = "--metrics-bind",
            paramLabel = "<ADDR>",
            defaultValue = "${env:CONCLAVE_METRICS_BIND}",
            converter = SocketAddressConverter.class,
            description = "Serve GET /metrics on this host:port instead of on --bind (env CONCLAVE_METRICS_BIND).")
    InetSocketAddress metricsBind;

    @Option(
            names = "--cluster",
            paramLabel = "<BUS>",
            defaultValue = "${env:CONCLAVE_CLUSTER:-none}",
            converter = ClusterAddressConverter.class,
            description = "Join the other instances of this conclave: none (default), postgres (LISTEN/NOTIFY on the"
                    + " PostgreSQL store) or nats://HOST:PORT (env CONCLAVE_CLUSTER).")
    ClusterAddress cluster;

    @Option(names = "--ephemeral", description = "Keep everything in memory; all is lost on exit.")
    boolean ephemeral;

    @Option(
            names = "--admin",
            paramLabel = "<USER[=PUBKEY]>",
            description = "A server admin, optionally pinned to a public key; repeatable, comma lists allowed (env CONCLAVE_ADMINS).")
    List<String> admins = new ArrayList<>();

    @Mixin
    LimitOptions limits;

    @Override
    public Integer call() throws Exception {
        if (ephemeral && spec.commandLine().getParseResult().hasMatchedOption("--data-dir")) {
            throw new ParameterException(spec.commandLine(), "--ephemeral and --data-dir cannot be used together");
        }
        StoreLocation store = storeLocation();
        List<String> adminSpecs = admins.isEmpty() ? adminsFromEnvironment() : admins;
        CountDownLatch stop = new CountDownLatch(1);
        ShutdownSignals.onTermOrInt(stop::countDown);
        try (Telemetry telemetry = Telemetry.fromEnvironment(System.getenv(), spec.commandLine().getErr())) {
            ServerOptions options = new ServerOptions(bind, store, adminSpecs, limits.limits(spec.commandLine()),
                    Optional.ofNullable(metricsBind), cluster, telemetry.tracing());
            try (ConclaveServer server = startOrExplain(options)) {
                stop.await();
            }
        }
        return 0;
    }

    /**
     * SQLite in the data directory unless {@code --store} (or {@code CONCLAVE_STORE}) names a
     * database. A PostgreSQL store keeps nothing in a data directory, so naming one too is a
     * contradiction, as is {@code --ephemeral}; both are refused rather than one silently winning.
     */
    private StoreLocation storeLocation() {
        boolean storeGiven = storeUrl != null
                && (!storeUrl.isBlank() || spec.commandLine().getParseResult().hasMatchedOption("--store"));
        if (!storeGiven) {
            return ephemeral
                    ? new StoreLocation.InMemory()
                    : new StoreLocation.DataDirectory(dataDir != null ? dataDir : XdgDirs.current().dataDir());
        }
        if (ephemeral) {
            throw new ParameterException(spec.commandLine(),
                    "--store (or CONCLAVE_STORE) and --ephemeral cannot be used together");
        }
        if (dataDir != null) {
            throw new ParameterException(spec.commandLine(), "--store (or CONCLAVE_STORE) and --data-dir (or CONCLAVE_DATA_DIR)"
                    + " cannot be used together: a PostgreSQL store keeps nothing in a data directory");
        }
        try {
            return new StoreLocation.Postgres(PostgresUrl.parse(storeUrl, System.getenv()));
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), "--store: " + invalid.getMessage());
        }
    }

    private ConclaveServer startOrExplain(ServerOptions options) {
        try {
            return ConclaveServer.start(options);
        } catch (IllegalArgumentException invalidAdmin) {
            throw new ParameterException(spec.commandLine(), invalidAdmin.getMessage());
        }
    }

    private static List<String> adminsFromEnvironment() {
        String env = System.getenv("CONCLAVE_ADMINS");
        return env == null || env.isEmpty() ? List.of() : List.of(env);
    }
}
