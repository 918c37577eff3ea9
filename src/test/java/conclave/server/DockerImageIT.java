package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import conclave.ChildProcess;
import conclave.Launcher;
import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.HistoryMessage;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code Dockerfile}, built and run by a real Docker engine: the image runs as a non-root user
 * with its data in the {@code /data} volume, turns healthy through its own {@code HEALTHCHECK},
 * serves a client, takes an online backup with {@code docker exec}, drains on {@code docker stop}
 * and keeps users, history and server id across a restart. Skipped, saying why, without an engine
 * or the base image; {@code scripts/docker-engine.sh} (which {@code .ci/run} calls) provides both
 * on a Debian machine.
 */
class DockerImageIT {
    private static final String BASE_IMAGE = "debian:bookworm-slim";
    /** A cold build downloads a JDK and every Maven dependency. */
    private static final Duration BUILD_DEADLINE = Duration.ofMinutes(20);
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(120);
    private static final Duration HEALTHY_DEADLINE = Duration.ofSeconds(90);
    /** This host's own extra CAs (a TLS-intercepting proxy's), so the build reaches Maven Central as the host does. */
    private static final Path HOST_EXTRA_CAS = Path.of("/usr/local/share/ca-certificates");
    private static final List<String> CONTEXT = List.of("Dockerfile", ".dockerignore", "mvnw", "pom.xml", ".mvn", "src", "docker");
    private static final String BODY = "kept in the data volume";

    @TempDir
    Path scratch;

    private final String name = "conclave-it-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void image_runsAsNonRootOnItsVolume_isHealthy_servesBacksUpDrains_andKeepsEverythingAcrossARestart() throws Exception {
        assumeTrue(engineAnswers(), "no Docker engine answers `docker info` (scripts/docker-engine.sh starts one)");
        assumeTrue(docker("image", "inspect", BASE_IMAGE).exitCode() == 0 || docker("pull", "-q", BASE_IMAGE).exitCode() == 0,
                BASE_IMAGE + " is neither present nor pullable (scripts/docker-engine.sh makes one with debootstrap)");
        try {
            build();
            assertThat(inspect("image", "{{.Config.User}}")).isEqualTo("conclave");
            assertThat(inspect("image", "{{json .Config.Volumes}}")).isEqualTo("{\"/data\":{}}");
            assertThat(inspect("image", "{{json .Config.Healthcheck.Test}}")).contains("GET /health");
            assertThat(inspect("image", "{{json .Config.ExposedPorts}}")).isEqualTo("{\"4390/tcp\":{}}");

            // the image's own health check, polled every second instead of every 30 s
            succeed(docker("run", "-d", "--name", name, "-v", name + ":/data", "-p", "127.0.0.1::4390",
                    "--health-interval", "1s", name));
            InetSocketAddress address = awaitHealthy();
            assertThat(succeed(docker("exec", name, "id", "-u")).strip()).isEqualTo("10001");
            assertThat(succeed(docker("exec", name, "stat", "-c", "%U %a", "/data")).strip()).isEqualTo("conclave 700");
            assertThat(health(address)).isEqualTo(200);

            SigningKey aaron = SigningKey.generate();
            String serverId = RawUpgrade.serverId(address).orElseThrow();
            try (WsTestClient a = WsTestClient.register(address, WireEncoding.BINCODE, "aaron", "docker", aaron)) {
                a.send(new Frame.Admin(new AdminOp.CreateChannel("ops", Visibility.PUBLIC)));
                a.next(Frame.Ack.class);
                a.send(new Frame.Join("ops", Optional.empty()));
                a.next(Frame.Joined.class);
                a.send(new Frame.ChannelMsg("ops", SessionPath.UNSTAMPED, new Payload.Plain(BODY)));
                a.next(Frame.Ack.class);
            }

            succeed(docker("exec", name, "conclave", "admin", "backup", "/data/backup.db"));
            assertThat(succeed(docker("exec", name, "head", "-c", "15", "/data/backup.db"))).isEqualTo("SQLite format 3");

            succeed(docker("stop", "--time", "20", name));
            assertThat(inspect("container", "{{.State.ExitCode}}")).as("exit code after docker stop").isEqualTo("0");
            String logs = logs();
            assertThat(logs).contains("shutdown signal received; draining connections", "server stopped");
            assertThat(logs).as("container log").doesNotContain(BODY);

            succeed(docker("start", name));
            InetSocketAddress restarted = awaitHealthy();
            assertThat(RawUpgrade.serverId(restarted)).as("server id after restart").contains(serverId);
            try (WsTestClient a = WsTestClient.login(restarted, WireEncoding.JSON, aaron, "docker")) {
                a.send(new Frame.Join("ops", Optional.empty()));
                a.next(Frame.Joined.class);
                a.send(new Frame.ReadSince("ops", 0));
                assertThat(a.next(Frame.History.class).messages()).extracting(HistoryMessage::payload)
                        .containsExactly(new Payload.Plain(BODY));
            }
        } finally {
            docker("rm", "-f", name);
            docker("volume", "rm", "-f", name);
            docker("rmi", "-f", name);
        }
    }

    private boolean engineAnswers() {
        try {
            return docker("info").exitCode() == 0;
        } catch (UncheckedIOException noDockerCommand) {
            return false;
        }
    }

    /** Builds from a copy of the sources, with this host's extra CAs added to {@code docker/ca-certificates}. */
    private void build() throws IOException {
        Path context = scratch.resolve("context");
        for (String entry : CONTEXT) {
            copyTree(Launcher.ROOT.resolve(entry), context.resolve(entry));
        }
        if (Files.isDirectory(HOST_EXTRA_CAS)) {
            try (Stream<Path> certificates = Files.list(HOST_EXTRA_CAS)) {
                for (Path certificate : certificates.filter(p -> p.toString().endsWith(".crt")).toList()) {
                    Files.copy(certificate, context.resolve("docker/ca-certificates").resolve(certificate.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        // host networking: the engine may run without NAT rules (scripts/docker-engine.sh starts it so)
        succeed(run(BUILD_DEADLINE, "docker", "build", "--network", "host", "-t", name, context.toString()));
    }

    private InetSocketAddress awaitHealthy() {
        await("container " + name + " healthy").atMost(HEALTHY_DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
            String state = inspect("container", "{{.State.Status}} {{.State.Health.Status}}");
            if (state.startsWith("exited") || state.endsWith("unhealthy")) {
                throw new AssertionError("container " + state + "\n" + logs());
            }
            return state.equals("running healthy");
        });
        String published = succeed(docker("port", name, "4390/tcp")).lines().findFirst().orElseThrow();
        int colon = published.lastIndexOf(':');
        return new InetSocketAddress(published.substring(0, colon), Integer.parseInt(published.substring(colon + 1)));
    }

    private static int health(InetSocketAddress address) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + "/health"))
                .timeout(WsTestClient.DEADLINE).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String inspect(String kind, String format) {
        return succeed(docker(kind, "inspect", "--format", format, name)).strip();
    }

    private String logs() {
        ChildProcess.Result logs = docker("logs", name);
        return logs.out() + logs.err();
    }

    private ChildProcess.Result docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return run(COMMAND_DEADLINE, command.toArray(String[]::new));
    }

    private ChildProcess.Result run(Duration deadline, String... command) {
        try (ChildProcess running = Launcher.startCommand(scratch, Map.of(), List.of(command))) {
            return running.waitFor(deadline);
        }
    }

    private static String succeed(ChildProcess.Result result) {
        assertThat(result.exitCode()).as("exit code; stdout:\n%s\nstderr:\n%s", tail(result.out()), tail(result.err()))
                .isZero();
        return result.out();
    }

    /** The end of a long build log is where the failure is. */
    private static String tail(String text) {
        return text.length() <= 4000 ? text : "…" + text.substring(text.length() - 4000);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
