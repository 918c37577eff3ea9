package conclave.server.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load generator's options, from {@code --name value} arguments; every option has a default
 * and an unknown or malformed one is an error that names it. Immutable.
 */
record LoadOptions(
        Set<String> scenarios, int subscribers, int window, Duration warmup, Duration duration,
        int rate, Duration latencyDuration, int sessions, int handshakeConcurrency,
        Duration handshakeDuration, int clientThreads, List<String> serverJvmOptions, Path serverJar,
        String natsServer, String natsSubscribers, boolean histogram, int soakChannels, int soakRate,
        Duration soakDuration, Path soakDataDir, List<String> buses, List<String> layouts) {

    static final Set<String> ALL_SCENARIOS = Set.of("handshake", "fanout", "nats", "memory", "soak", "cluster");
    static final Set<String> ALL_BUSES = Set.of("postgres", "nats");
    static final Set<String> ALL_LAYOUTS = Set.of("1", "3", "3-local", "3-remote");

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("scenarios", "handshake,fanout,nats,memory");
        defaults.put("subscribers", "1000");
        defaults.put("window", "512");
        defaults.put("warmup", "5");
        defaults.put("duration", "15");
        defaults.put("rate", "100");
        defaults.put("latency-duration", "20");
        defaults.put("sessions", "10000");
        defaults.put("handshake-concurrency", "64");
        defaults.put("handshake-duration", "10");
        defaults.put("client-threads", "2");
        defaults.put("server-jvm-options", "");
        defaults.put("server-jar", "");
        defaults.put("nats-server", "nats-server");
        defaults.put("nats-subscribers", "netty");
        defaults.put("histogram", "false");
        defaults.put("soak-channels", "100");
        defaults.put("soak-rate", "1000");
        defaults.put("soak-minutes", "10");
        defaults.put("soak-data-dir", "");
        defaults.put("buses", "postgres,nats");
        defaults.put("layouts", "1,3,3-local,3-remote");
        return defaults;
    }

    /** What each option means, for {@code --help} and errors. */
    static String usage() {
        return String.join("\n",
                "Options (--name value; defaults in brackets):",
                "  --scenarios LIST            handshake,fanout,nats,memory,soak,cluster [all but soak and cluster]",
                "  --subscribers N             fan-out subscribers [1000]",
                "  --window N                  max messages the publisher runs ahead of the slowest subscriber [512]",
                "  --warmup S                  unmeasured seconds before each measured window [5]",
                "  --duration S                measured seconds of the fan-out throughput phase [15]",
                "  --rate N                    offered messages/s of the latency phase [100]",
                "  --latency-duration S        measured seconds of the latency phase [20]",
                "  --sessions N                idle sessions of the memory scenario, subscribers of the soak [10000]",
                "  --handshake-concurrency N   handshakes in flight [64]",
                "  --handshake-duration S      measured seconds of the handshake scenario [10]",
                "  --client-threads N          Netty event-loop threads for all subscriber connections [2]",
                "  --server-jvm-options 'A B'  JVM options for the conclave server process ['']",
                "  --server-jar PATH           run the server from this jar instead of the class path ['']",
                "  --nats-server PATH          the nats-server executable [nats-server]",
                "  --nats-subscribers KIND     netty (a few event-loop threads) or jnats (threads per connection) [netty]",
                "  --histogram true            print the server's live class histogram in the memory scenario [false]",
                "  --soak-channels N           channels the soak's subscribers are spread over [100]",
                "  --soak-rate N               messages/s the soak posts over all its channels [1000]",
                "  --soak-minutes N            how long the soak posts [10]",
                "  --soak-data-dir PATH        the soak server's data directory [a new temporary one, kept afterwards]",
                "  --buses LIST                cluster scenario: postgres,nats (one embedded PostgreSQL store each) [both]",
                "  --layouts LIST              cluster scenario: 1 instance, 3 (subscribers spread), 3-local (all on the",
                "                              publisher's instance), 3-remote (all on another) [1,3,3-local,3-remote]");
    }

    /**
     * Parses {@code --name value} pairs over the defaults.
     *
     * @throws IllegalArgumentException naming the first unknown option, missing value or bad number
     */
    static LoadOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !DEFAULTS.containsKey(arg.substring(2))) {
                throw new IllegalArgumentException("unknown option `" + arg + "`\n" + usage());
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option `" + arg + "` needs a value");
            }
            values.put(arg.substring(2), args[++i]);
        }
        Set<String> scenarios = Set.copyOf(Arrays.asList(values.get("scenarios").split(",")));
        for (String scenario : scenarios) {
            if (!ALL_SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException("unknown scenario `" + scenario + "` (expected: one of " + ALL_SCENARIOS + ")");
            }
        }
        String natsSubscribers = values.get("nats-subscribers");
        if (!natsSubscribers.equals("netty") && !natsSubscribers.equals("jnats")) {
            throw new IllegalArgumentException("--nats-subscribers : `" + natsSubscribers + "` (expected: netty or jnats)");
        }
        List<String> buses = List.of(values.get("buses").split(","));
        List<String> layouts = List.of(values.get("layouts").split(","));
        if (!ALL_BUSES.containsAll(buses)) {
            throw new IllegalArgumentException("--buses : `" + values.get("buses") + "` (expected: a list of " + ALL_BUSES + ")");
        }
        if (!ALL_LAYOUTS.containsAll(layouts)) {
            throw new IllegalArgumentException("--layouts : `" + values.get("layouts") + "` (expected: a list of " + ALL_LAYOUTS + ")");
        }
        String jvm = values.get("server-jvm-options").trim();
        String jar = values.get("server-jar").trim();
        return new LoadOptions(
                scenarios,
                positive(values, "subscribers"),
                positive(values, "window"),
                Duration.ofSeconds(positive(values, "warmup")),
                Duration.ofSeconds(positive(values, "duration")),
                positive(values, "rate"),
                Duration.ofSeconds(positive(values, "latency-duration")),
                positive(values, "sessions"),
                positive(values, "handshake-concurrency"),
                Duration.ofSeconds(positive(values, "handshake-duration")),
                positive(values, "client-threads"),
                jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+")),
                jar.isEmpty() ? null : Path.of(jar),
                values.get("nats-server"),
                natsSubscribers,
                Boolean.parseBoolean(values.get("histogram")),
                positive(values, "soak-channels"),
                positive(values, "soak-rate"),
                Duration.ofMinutes(positive(values, "soak-minutes")),
                values.get("soak-data-dir").isBlank() ? null : Path.of(values.get("soak-data-dir").trim()),
                buses,
                layouts);
    }

    private static int positive(Map<String, String> values, String name) {
        String text = values.get(name);
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " : `" + text + "` (expected: a whole number)", e);
        }
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " : " + value + " (expected: > 0)");
        }
        return value;
    }
}
