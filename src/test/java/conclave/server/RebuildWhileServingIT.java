package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.ChildProcess;
import conclave.Launcher;
import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild while {@code ./conclave serve} runs from the same checkout, as after a {@code git pull}
 * followed by any other {@code ./conclave} command. Maven writes {@code target/conclave.jar} in
 * place; a JVM running from that file would find its classes gone. Played in a scratch checkout
 * with the real launcher and jar, whose {@code mvnw} does to {@code target/} what Maven's jar and
 * shade plugins do, so that the test takes seconds, not a build.
 */
class RebuildWhileServingIT {
    /** What {@code ./mvnw package} does to target/: the jar plugin first, then the shade plugin. */
    private static final String MAVEN_PACKAGE = """
            #!/usr/bin/env bash
            set -euo pipefail
            printf 'a thin jar' > target/conclave.jar   # the jar plugin: in place
            mv -f target/conclave.jar target/original-conclave.jar
            cp "$CONCLAVE_BUILT_JAR" target/conclave-shaded.jar
            mv -f target/conclave-shaded.jar target/conclave.jar
            """;
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path scratch;

    @Test
    void aRebuild_leavesTheRunningServerWhole() throws Exception {
        Path source = checkout();
        Path checkout = scratch.resolve("checkout");
        Path launcher = checkout.resolve("conclave");
        Map<String, String> env = Map.of("CONCLAVE_BUILT_JAR", Launcher.ROOT.resolve("target/conclave.jar").toString());

        try (ChildProcess serve = Launcher.startCommand(scratch, env,
                List.of(launcher.toString(), "serve", "--ephemeral", "--bind", "127.0.0.1:0"))) {
            InetSocketAddress address = serve.awaitAddress(ServeProcess.LISTENING, DEADLINE);
            assertThat(serve.err()).as("first launch, sources older than the jar").doesNotContain("building");

            Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
            ChildProcess.Result rebuilt;
            try (ChildProcess version = Launcher.startCommand(scratch, env, List.of(launcher.toString(), "--version"))) {
                rebuilt = version.waitFor(DEADLINE);
            }
            assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
            assertThat(rebuilt.err()).contains("conclave: building");
            assertThat(rebuilt.out()).startsWith("conclave ");
            assertThat(Files.readString(checkout.resolve("target/original-conclave.jar")))
                    .as("the jar the server started from was overwritten in place").isEqualTo("a thin jar");

            // new sessions make the server load classes it has not needed yet
            try (WsTestClient aaron = WsTestClient.register(address, WireEncoding.BINCODE, "aaron", "later");
                    WsTestClient bella = WsTestClient.register(address, WireEncoding.JSON, "bella", "later")) {
                aaron.send(new Frame.Admin(new AdminOp.CreateChannel("ops", Visibility.PRIVATE)));
                aaron.next(Frame.Ack.class);
                aaron.send(new Frame.Admin(new AdminOp.AclAdd("ops", "bella")));
                aaron.next(Frame.Ack.class);
                for (WsTestClient client : List.of(aaron, bella)) {
                    client.send(new Frame.Join("ops", Optional.empty()));
                    client.next(Frame.Joined.class);
                }
                aaron.send(new Frame.ChannelMsg("ops", SessionPath.UNSTAMPED, new Payload.Plain("still here")));
                aaron.next(Frame.Ack.class);
                assertThat(bella.next(Frame.ChannelMsg.class).payload()).isEqualTo(new Payload.Plain("still here"));
                bella.send(new Frame.Join("nowhere", Optional.empty()));
                assertThat(bella.next(Frame.Error.class).error().display()).isEqualTo("not found: channel `nowhere` not found");
            }
            assertThat(serve.isAlive()).isTrue();
            assertThat(serve.err()).doesNotContain("Exception", "Error:");
        }
    }

    /**
     * Makes a checkout in {@code scratch/checkout}: the real launcher, the real jar already built,
     * sources an hour older than it, and the stand-in {@code mvnw}; returns the one source file.
     */
    private Path checkout() throws Exception {
        Path checkout = scratch.resolve("checkout");
        Files.createDirectories(checkout.resolve("target"));
        Path dotMvn = Files.createDirectories(checkout.resolve(".mvn"));
        Path sources = Files.createDirectories(checkout.resolve("src/main"));
        Path source = Files.writeString(sources.resolve("Edited.java"), "class Edited {}\n");
        Path pom = Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        Files.copy(Launcher.ROOT.resolve("conclave"), checkout.resolve("conclave"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Launcher.ROOT.resolve("target/conclave.jar"), checkout.resolve("target/conclave.jar"));
        Path mvnw = Files.writeString(checkout.resolve("mvnw"), MAVEN_PACKAGE);
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        for (Path path : List.of(source, sources, dotMvn, pom)) {
            Files.setLastModifiedTime(path, hourAgo);
        }
        return source;
    }
}
