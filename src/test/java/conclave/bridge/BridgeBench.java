package conclave.bridge;

import static java.nio.charset.StandardCharsets.UTF_8;

import conclave.Launcher;
import conclave.client.ControlOptions;
import conclave.client.ControlSession;
import conclave.client.ServerUrl;
import conclave.identity.KeyFile;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.server.ServeProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Measures the bridge as a process, for BENCHMARKS.md: cold start from spawn to the
 * {@code initialize} reply (median of 10), resident memory of an idle bridge with one link, and
 * injection latency from a {@code send}'s ack to the notification on the bridge's stdout.
 * Run: {@code ./mvnw -q -DskipTests test-compile && java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" conclave.bridge.BridgeBench}
 * (classpath from {@code ./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt}).
 */
public final class BridgeBench {
    private static final int STARTS = 10;
    private static final int MESSAGES = 300;

    private BridgeBench() {}

    public static void main(String[] args) throws Exception {
        Path temp = Files.createTempDirectory("conclave-bridge-bench");
        try (ServeProcess server = ServeProcess.start("--ephemeral", "--admin", "bench", "--rate-limit", "off")) {
            String url = "ws://127.0.0.1:" + server.address().getPort();
            Path config = temp.resolve("config");
            run(config, "register", "--server", url, "--username", "bench", "--machine", "box");
            run(config, "channel", "create", "--server", url, "bench");
            coldStart(config);
            idleMemoryAndInjection(config, url);
        }
    }

    private static void coldStart(Path config) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            long started = System.nanoTime();
            Process bridge = bridge(config);
            OutputStream in = bridge.getOutputStream();
            in.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}\n".getBytes(UTF_8));
            in.flush();
            BufferedReader out = new BufferedReader(new InputStreamReader(bridge.getInputStream(), UTF_8));
            String line = out.readLine();
            long elapsed = System.nanoTime() - started;
            if (line == null || !line.contains("\"serverInfo\"")) {
                throw new IllegalStateException("no initialize reply: " + line);
            }
            millis.add(TimeUnit.NANOSECONDS.toMillis(elapsed));
            in.close();
            bridge.waitFor(30, TimeUnit.SECONDS);
        }
        Collections.sort(millis);
        System.out.printf("cold start to initialize reply: median %d ms (min %d, max %d, n=%d)%n",
                (millis.get(STARTS / 2 - 1) + millis.get(STARTS / 2)) / 2, millis.get(0), millis.get(STARTS - 1), STARTS);
    }

    private static void idleMemoryAndInjection(Path config, String url) throws Exception {
        Process bridge = bridge(config);
        OutputStream in = bridge.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(bridge.getInputStream(), UTF_8));
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
        out.readLine();
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"join_channel\","
                + "\"arguments\":{\"channel\":\"bench\"}}}");
        String line;
        while ((line = out.readLine()) != null && !line.contains("\"id\":2")) {
            // skip list_changed and notices until the join answers
        }
        if (line == null || !line.contains("joined bench")) {
            throw new IllegalStateException("join failed: " + line);
        }
        Thread.sleep(5_000); // let the bridge settle before reading its resident set
        System.out.printf("idle bridge with one link: RSS %d MB%n", rssKb(bridge.pid()) / 1024);

        ControlOptions options = ControlOptions.of(ServerUrl.parse(url), new KeyFile(config.resolve("key")).load());
        List<Long> micros = new ArrayList<>();
        List<Long> fromSend = new ArrayList<>();
        try (ControlSession human = ControlSession.login(options)) {
            human.request(new Frame.Join("bench", Optional.empty()), Frame.Joined.class);
            for (int i = 0; i < MESSAGES; i++) {
                String marker = "m" + i + "-" + System.nanoTime();
                long sent = System.nanoTime();
                human.request(new Frame.ChannelMsg("bench", SessionPath.UNSTAMPED, new Payload.Plain(marker)), Frame.Ack.class);
                long acked = System.nanoTime();
                while ((line = out.readLine()) != null && !line.contains(marker)) {
                    // other output
                }
                long seen = System.nanoTime();
                micros.add(TimeUnit.NANOSECONDS.toMicros(seen - acked));
                fromSend.add(TimeUnit.NANOSECONDS.toMicros(seen - sent));
            }
        }
        report("injection latency, send ack to notification on stdout", micros);
        report("injection latency, send request to notification on stdout", fromSend);
        in.close();
        bridge.waitFor(30, TimeUnit.SECONDS);
    }

    private static void report(String what, List<Long> micros) {
        Collections.sort(micros);
        System.out.printf("%s: p50 %.2f ms, p99 %.2f ms (n=%d)%n", what, micros.get(micros.size() / 2) / 1000.0,
                micros.get(micros.size() * 99 / 100) / 1000.0, micros.size());
    }

    private static Process bridge(Path config) throws IOException {
        return new ProcessBuilder(Launcher.ROOT.resolve("conclave").toString(), "bridge", "--config-dir",
                config.toString()).directory(Launcher.ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void send(OutputStream in, String line) throws IOException {
        in.write((line + "\n").getBytes(UTF_8));
        in.flush();
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static void run(Path config, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Launcher.ROOT.resolve("conclave").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--config-dir", config.toString()));
        Process process = new ProcessBuilder(command).directory(Launcher.ROOT.toFile()).inheritIO().start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed");
        }
    }
}
