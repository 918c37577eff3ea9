package conclave.server.load;

import conclave.store.TestPostgres;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs scripted workloads on loopback against a live conclave server (a separate process) and
 * prints the numbers: authenticated handshakes/s, fan-out deliveries/s and publish-to-delivery
 * latency for one publisher and many subscribers, and server memory per idle session; the same
 * fan-out shape against nats-server is the baseline. On demand only, the soak ({@link SoakBench}).
 *
 * <p>Run: {@code ./mvnw -B -q test-compile exec:exec@load -Dload.args="--scenarios fanout,nats"}
 * (no arguments runs everything; {@code -Dload.args="--help"} lists the options). Results go
 * into BENCHMARKS.md with the command, the JDK and the machine.
 */
public final class LoadGenerator {
    private static final double TARGET_THROUGHPUT_RATIO = 0.5;
    private static final double TARGET_P99_RATIO = 2.0;
    private static final double TARGET_HANDSHAKES = 5_000;
    private static final double TARGET_HEAP_PER_SESSION = 4 * 1024;

    private final LoadOptions options;
    private final PrintStream out;
    private HandshakeBench.Result handshakes;
    private IdleMemoryBench.Result memory;
    private FanOutBench.Throughput conclaveThroughput;
    private FanOutBench.Latency conclaveLatency;
    private FanOutBench.Throughput natsThroughput;
    private FanOutBench.Latency natsLatency;
    private final List<String[]> clusterRuns = new ArrayList<>();

    private LoadGenerator(LoadOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        if (args.length == 1 && args[0].equals("--help")) {
            System.out.println(LoadOptions.usage());
            return;
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage());
            System.exit(2);
            return;
        }
        new LoadGenerator(options, System.out).run();
        System.exit(0); // jnats and Netty may leave non-daemon stragglers behind
    }

    private void run() throws Exception {
        printEnvironment();
        if (options.scenarios().contains("handshake")) {
            runHandshakes();
        }
        if (options.scenarios().contains("fanout")) {
            runConclaveFanOut();
        }
        if (options.scenarios().contains("nats")) {
            runNatsFanOut();
        }
        if (options.scenarios().contains("memory")) {
            runMemory();
        }
        if (options.scenarios().contains("soak")) {
            runSoak();
        }
        if (options.scenarios().contains("cluster")) {
            runCluster();
        }
        printSummary();
    }

    private void printEnvironment() {
        Runtime runtime = Runtime.getRuntime();
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memoryBytes = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
        out.printf("conclave LoadGenerator%n");
        out.printf("  JDK %s (%s %s), %d CPUs, %s %s, %.1f GiB RAM, load average %.2f%n",
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.vendor"), runtime.availableProcessors(), os.getName(), os.getVersion(),
                memoryBytes / (double) (1L << 30), os.getSystemLoadAverage());
        out.printf("  %s%n%n", options);
    }

    private void runHandshakes() throws Exception {
        heading("handshakes: conclave");
        try (ServerProcess server = ServerProcess.conclave(options.serverJvmOptions(), options.serverJar())) {
            handshakes = new HandshakeBench(server, options.clientThreads())
                    .run(options.handshakeConcurrency(), options.warmup(), options.handshakeDuration());
            out.printf("  %d in flight, %d client thread(s): %,.0f handshakes/s (%,d in %d s, %d failed%s)%n",
                    options.handshakeConcurrency(), options.clientThreads(), handshakes.handshakesPerSecond(),
                    handshakes.completed(), options.handshakeDuration().toSeconds(), handshakes.failed(),
                    handshakes.firstFailure() == null ? "" : "; first: " + handshakes.firstFailure());
            out.printf("  CPU: server %.2f cores (%.2f ms per handshake), generator %.2f cores%n", handshakes.serverCores(),
                    handshakes.serverCores() * 1e3 / handshakes.handshakesPerSecond(), handshakes.generatorCores());
            printServerLog(server);
        }
    }

    private void runConclaveFanOut() throws Exception {
        heading("fan-out: conclave");
        try (ServerProcess server = ServerProcess.conclave(options.serverJvmOptions(), options.serverJar())) {
            Deliveries deliveries = new Deliveries();
            try (ConclaveFanOut system = ConclaveFanOut.open(server, options.clientThreads(), options.subscribers(), deliveries)) {
                FanOutBench bench = new FanOutBench(system, deliveries);
                conclaveThroughput = throughput(system, bench, deliveries);
                conclaveLatency = latency(bench, deliveries);
            }
            printServerLog(server);
        }
    }

    private void runNatsFanOut() throws Exception {
        heading("fan-out: nats-server (baseline)");
        try (ServerProcess server = ServerProcess.natsServer(options.natsServer())) {
            Deliveries deliveries = new Deliveries();
            try (NatsBaseline system = NatsBaseline.open(server,
                    options.natsSubscribers().equals("jnats"), options.clientThreads(), options.subscribers(), deliveries)) {
                FanOutBench bench = new FanOutBench(system, deliveries);
                natsThroughput = throughput(system, bench, deliveries);
                natsLatency = latency(bench, deliveries);
            }
        }
    }

    /**
     * The fan-out shape on a conclave of instances (separate processes) sharing one embedded
     * PostgreSQL store, for each bus and layout; one summary line per run.
     */
    private void runCluster() throws Exception {
        for (String bus : options.buses()) {
            for (String layout : options.layouts()) {
                int instances = layout.equals("1") ? 1 : 3;
                ConclaveFanOut.Placement placement = layout.endsWith("local") ? ConclaveFanOut.Placement.LOCAL
                        : layout.endsWith("remote") ? ConclaveFanOut.Placement.REMOTE : ConclaveFanOut.Placement.SPREAD;
                heading("fan-out: conclave cluster, bus " + bus + ", " + instances + " instance(s), subscribers "
                        + placement.name().toLowerCase(Locale.ROOT));
                clusterRuns.add(runClusterOnce(bus, instances, placement,
                        TestPostgres.shared().newDatabase("load").jdbcUrl()));
            }
        }
    }

    private String[] runClusterOnce(String bus, int instances, ConclaveFanOut.Placement placement, String storeUrl)
            throws Exception {
        List<ServerProcess> servers = new ArrayList<>();
        ServerProcess nats = bus.equals("nats") ? ServerProcess.natsServer(options.natsServer()) : null;
        try {
            List<String> storeAndCluster = List.of("--store", storeUrl, "--cluster",
                    nats == null ? "postgres" : "nats://127.0.0.1:" + nats.address().getPort());
            for (int i = 0; i < instances; i++) {
                servers.add(ServerProcess.conclave(options.serverJvmOptions(), options.serverJar(), storeAndCluster));
            }
            Deliveries deliveries = new Deliveries();
            try (ConclaveFanOut system = ConclaveFanOut.open(
                    servers, placement, options.clientThreads(), options.subscribers(), deliveries)) {
                FanOutBench bench = new FanOutBench(system, deliveries);
                FanOutBench.Throughput max = throughput(system, bench, deliveries);
                FanOutBench.Latency latency = latency(bench, deliveries);
                servers.forEach(this::printServerLog);
                return new String[] {bus, Integer.toString(instances), placement.name().toLowerCase(Locale.ROOT),
                        String.format("%,.0f", max.deliveriesPerSecond()), millis(latency.p50()), millis(latency.p99())};
            }
        } finally {
            for (ServerProcess server : servers) {
                server.close();
            }
            if (nats != null) {
                nats.close();
            }
        }
    }

    private FanOutBench.Throughput throughput(FanOutSystem system, FanOutBench bench, Deliveries deliveries) {
        out.printf("  client: %s%n", system.clientDescription());
        FanOutBench.Throughput result = bench.throughput(options.window(), options.warmup(), options.duration());
        out.printf("  max throughput (window %d messages behind the slowest subscriber, %d B bodies):%n",
                options.window(), Stamp.BODY_BYTES);
        out.printf("    %,.0f deliveries/s = %,.1f messages/s to %d subscribers%n",
                result.deliveriesPerSecond(), result.messagesPerSecond(), deliveries.size());
        out.printf("    CPU: server %.2f cores (%.2f us per delivery), generator %.2f cores; lost subscribers %d, gaps %d,"
                        + " unconfirmed %d, publish errors %d, drained %s%n",
                result.serverCores(), result.serverCores() * 1e6 / result.deliveriesPerSecond(), result.generatorCores(),
                result.lost(), result.gaps(), result.unconfirmed(), result.publishErrors(), result.drained());
        return result;
    }

    private FanOutBench.Latency latency(FanOutBench bench, Deliveries deliveries) {
        FanOutBench.Latency result = bench.latency(options.rate(), options.warmup(), options.latencyDuration());
        out.printf("  latency at %d messages/s offered (%,.0f deliveries/s), publish to delivery:%n",
                options.rate(), result.offeredDeliveriesPerSecond());
        out.printf("    p50 %s  p99 %s  p99.9 %s  max %s  (%,d samples of %,d expected)%n",
                millis(result.p50()), millis(result.p99()), millis(result.p999()), millis(result.max()),
                result.samples(), result.expectedSamples());
        out.printf("    CPU: server %.2f cores, generator %.2f cores; lost subscribers %d, gaps %d, drained %s%n",
                result.serverCores(), result.generatorCores(), result.lost(), result.gaps(), result.drained());
        return result;
    }

    private void runMemory() throws Exception {
        heading("idle sessions: conclave server memory");
        try (ServerProcess server = ServerProcess.conclave(options.serverJvmOptions(), options.serverJar())) {
            memory = new IdleMemoryBench(server, options.clientThreads()).run(options.sessions(), options.histogram());
            out.printf("  %8s %14s %14s %8s%n", "sessions", "heap after GC", "RSS", "threads");
            for (IdleMemoryBench.Sample sample : List.of(memory.one(), memory.half(), memory.all())) {
                out.printf("  %,8d %,14d %,14d %8d%n", sample.sessions(), sample.heapBytes(), sample.rssBytes(),
                        sample.serverThreads());
            }
            out.printf("  heap per session: %,.0f B (1 → %,d), marginal %,.0f B (%,d → %,d)%n",
                    memory.heapPerSession(), memory.all().sessions(), memory.heapPerSessionMarginal(),
                    memory.half().sessions(), memory.all().sessions());
            out.printf("  RSS per session:  %,.0f B (1 → %,d), marginal %,.0f B (%,d → %,d)%n",
                    memory.rssPerSession(), memory.all().sessions(), memory.rssPerSessionMarginal(),
                    memory.half().sessions(), memory.all().sessions());
            out.printf("  sessions still open at the end: %,d of %,d%n", memory.stillOpen(), memory.all().sessions());
            if (!memory.histogram().isEmpty()) {
                out.printf("  live class histogram at %,d sessions:%n%s", memory.all().sessions(), memory.histogram());
            }
            printServerLog(server);
        }
    }

    private void runSoak() throws Exception {
        heading("soak: conclave");
        SoakBench.Shape shape = new SoakBench.Shape(
                options.sessions(), options.soakChannels(), options.soakRate(), options.soakDuration());
        Path dataDir = options.soakDataDir() != null ? options.soakDataDir() : Files.createTempDirectory("conclave-soak");
        try (ServerProcess server = ServerProcess.conclaveOnDisk(options.serverJvmOptions(), options.serverJar(), dataDir)) {
            new SoakBench(server, options.clientThreads(), shape).run().print(shape, out);
            printServerLog(server);
        }
    }

    private void printServerLog(ServerProcess server) {
        out.printf("  server log: %d WARN, %d ERROR lines%n",
                server.logLinesContaining(" WARN "), server.logLinesContaining(" ERROR "));
    }

    private void printSummary() {
        heading("summary");
        if (!clusterRuns.isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"bus", "instances", "subscribers", "deliveries/s", "p50", "p99 @ " + options.rate() + " msg/s"});
            rows.addAll(clusterRuns);
            printTable(rows);
            out.println();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"metric", "conclave", "nats-server", "ratio", "target", "met"});
        if (conclaveThroughput != null || natsThroughput != null) {
            Double ratio = conclaveThroughput != null && natsThroughput != null
                    ? conclaveThroughput.deliveriesPerSecond() / natsThroughput.deliveriesPerSecond() : null;
            rows.add(new String[] {"fan-out deliveries/s (1x" + options.subscribers() + ")",
                    conclaveThroughput == null ? "-" : String.format("%,.0f", conclaveThroughput.deliveriesPerSecond()),
                    natsThroughput == null ? "-" : String.format("%,.0f", natsThroughput.deliveriesPerSecond()),
                    ratio == null ? "-" : String.format("%.2fx", ratio), ">= 0.5x nats", met(ratio, r -> r >= TARGET_THROUGHPUT_RATIO)});
        }
        if (conclaveLatency != null || natsLatency != null) {
            Double p50 = conclaveLatency != null && natsLatency != null
                    ? (double) conclaveLatency.p50() / natsLatency.p50() : null;
            Double p99 = conclaveLatency != null && natsLatency != null
                    ? (double) conclaveLatency.p99() / natsLatency.p99() : null;
            String offered = String.format("%,.0f/s", (double) options.rate() * options.subscribers());
            rows.add(new String[] {"p50 latency @ " + offered,
                    conclaveLatency == null ? "-" : millis(conclaveLatency.p50()),
                    natsLatency == null ? "-" : millis(natsLatency.p50()),
                    p50 == null ? "-" : String.format("%.2fx", p50), "", ""});
            rows.add(new String[] {"p99 latency @ " + offered,
                    conclaveLatency == null ? "-" : millis(conclaveLatency.p99()),
                    natsLatency == null ? "-" : millis(natsLatency.p99()),
                    p99 == null ? "-" : String.format("%.2fx", p99), "<= 2x nats", met(p99, r -> r <= TARGET_P99_RATIO)});
        }
        if (handshakes != null) {
            rows.add(new String[] {"authenticated handshakes/s", String.format("%,.0f", handshakes.handshakesPerSecond()),
                    "", "", ">= 5,000", met(handshakes.handshakesPerSecond(), h -> h >= TARGET_HANDSHAKES)});
        }
        if (memory != null) {
            rows.add(new String[] {"heap per idle session (1 -> " + memory.all().sessions() + ")",
                    String.format("%,.0f B", memory.heapPerSession()), "", "", "<= 4 KiB",
                    met(memory.heapPerSession(), h -> h <= TARGET_HEAP_PER_SESSION)});
            rows.add(new String[] {"heap per idle session (marginal)",
                    String.format("%,.0f B", memory.heapPerSessionMarginal()), "", "", "<= 4 KiB",
                    met(memory.heapPerSessionMarginal(), h -> h <= TARGET_HEAP_PER_SESSION)});
            rows.add(new String[] {"RSS per idle session (1 -> " + memory.all().sessions() + ")",
                    String.format("%,.0f B", memory.rssPerSession()), "", "", "", ""});
        }
        printTable(rows);
    }

    private void printTable(List<String[]> rows) {
        int[] widths = new int[6];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(String.format(i == 0 ? "%-" + widths[i] + "s  " : "%" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String met(Double value, java.util.function.DoublePredicate target) {
        return value == null ? "-" : target.test(value) ? "yes" : "no";
    }

    private void heading(String title) {
        out.printf("%n== %s == (load average %.2f)%n", title,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.flush();
    }

    private static String millis(long nanos) {
        return String.format("%.2f ms", nanos / 1e6);
    }
}
