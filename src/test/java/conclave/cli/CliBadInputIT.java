package conclave.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.ChildProcess;
import conclave.Launcher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the launcher, each case on its own: every one ends with exit 1 and one
 * {@code ❌} line naming what is wrong, in good time, and leaves the user's files alone.
 */
class CliBadInputIT {
    /** The documented limit for TCP connect plus WebSocket upgrade. */
    private static final Duration CONNECT_DEADLINE = Duration.ofSeconds(10);
    /** What a process may take beyond that: a JVM start on a loaded machine. */
    private static final Duration STARTUP_ALLOWANCE = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private Path dir() {
        return temp.resolve("config");
    }

    private ChildProcess.Result conclave(String... args) {
        return Launcher.run(temp, withConfigDir(args));
    }

    private String[] withConfigDir(String... args) {
        List<String> all = new ArrayList<>(List.of("--config-dir", dir().toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static void failsWith(ChildProcess.Result result, String message) {
        assertThat(result.err()).isEqualTo("❌ " + message + "\n");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
    }

    /** A key, and config.toml registering aaron/workstation on {@code url}. */
    private void registeredOn(String url) throws IOException {
        assertThat(conclave("key").exitCode()).isZero();
        Files.writeString(dir().resolve("config.toml"),
                "[[servers]]\nurl = \"" + url + "\"\nusername = \"aaron\"\nmachine = \"workstation\"\n", UTF_8);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void unreachableServer_sendTailAndStatusSaySoAtOnce() throws IOException {
        String url = "ws://127.0.0.1:" + closedPort();
        registeredOn(url);

        failsWith(conclave("send", "--server", url, "--channel", "c", "hi"),
                "failed to connect to `" + url + "`: connection refused");
        failsWith(conclave("tail", "--server", url, "--channel", "c"),
                "failed to connect to `" + url + "`: connection refused");
        ChildProcess.Result status = conclave("status");
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).startsWith(url + "\taaron/workstation\tunreachable: failed to connect to `" + url + "`");
        assertThat(status.err()).isEqualTo("❌ 1 server(s) unreachable\n");
    }

    @Test
    void deadButListeningServer_sendAndTailGiveUpAfterTheConnectDeadline() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never answer
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "ws://127.0.0.1:" + silent.getLocalPort();
            registeredOn(url);

            long start = System.nanoTime();
            try (ChildProcess send = Launcher.start(temp, Map.of(), withConfigDir("send", "--server", url, "--channel", "c", "hi"));
                    ChildProcess tail = Launcher.start(temp, Map.of(), withConfigDir("tail", "--server", url, "--channel", "c"))) {
                ChildProcess.Result sent = send.waitFor(CONNECT_DEADLINE.plus(STARTUP_ALLOWANCE));
                ChildProcess.Result tailed = tail.waitFor(CONNECT_DEADLINE.plus(STARTUP_ALLOWANCE));
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                failsWith(sent, "timed out after 10s connecting to `" + url + "`");
                failsWith(tailed, "timed out after 10s connecting to `" + url + "`");
                assertThat(took).isGreaterThanOrEqualTo(CONNECT_DEADLINE);
                assertThat(accepted).isNotEmpty();
            }
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void machineAdd_pubkeyNotBase64url_isRefusedBeforeConnecting() {
        failsWith(conclave("machine", "add", "--server", "ws://127.0.0.1:1", "--name", "laptop", "--pubkey", "not/base64!"),
                "invalid public key: public key must be 32 bytes written as 43 base64url characters without padding");
    }

    @Test
    void channelCreate_unknownVisibility_namesTheChoices() {
        failsWith(conclave("channel", "create", "ops", "--visibility", "secret", "--server", "ws://127.0.0.1:1"),
                "unknown visibility tier `secret` (expected public, unlisted, or private)");
    }

    @Test
    void durations_notInTheGrammar_areRefusedNamingTheValue() {
        failsWith(conclave("invite", "create", "--server", "ws://127.0.0.1:1", "--channel", "ops", "--expires-in", "soon"),
                "invalid duration `soon`");
        failsWith(conclave("tail", "--server", "ws://127.0.0.1:1", "--channel", "ops", "--since", "5x"),
                "invalid duration `5x`");
    }

    @Test
    void malformedConfig_namesTheFileAndTheLine_andIsLeftAsItWas() throws IOException {
        Files.createDirectories(dir());
        String broken = "default_permission = \"notify\"\n[[servers]\nurl = \"ws://x\"\n";
        Path config = Files.writeString(dir().resolve("config.toml"), broken, UTF_8);

        ChildProcess.Result result = conclave("server", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("❌ " + config + " line 2: ").endsWith("\n");
        assertThat(result.err().lines()).hasSize(1);
        assertThat(Files.readString(config, UTF_8)).isEqualTo(broken);
    }

    @Test
    void keyFileOfTheWrongLength_isRefusedNamingTheFile_andIsLeftAsItWas() throws IOException {
        Files.createDirectories(dir());
        Path key = Files.writeString(dir().resolve("key"), "AAAAAAAAAAAAAAAAAAAAAA", UTF_8); // 16 bytes

        failsWith(conclave("key"), "keyfile `" + key + "` does not contain a 32-byte seed");
        assertThat(Files.readString(key, UTF_8)).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void completionsPipedIntoHead_endsQuietly() throws Exception {
        Path err = Files.createTempFile(temp, "stderr", ".txt");
        Process pipeline = new ProcessBuilder("bash", "-c",
                "./conclave completions bash | head -1; echo \"status=${PIPESTATUS[0]}\"")
                .directory(Launcher.ROOT.toFile())
                .redirectError(err.toFile())
                .start();
        pipeline.getOutputStream().close();
        String out = new String(pipeline.getInputStream().readAllBytes(), UTF_8);

        assertThat(pipeline.waitFor(Launcher.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(pipeline.exitValue()).isZero();
        assertThat(out).startsWith("#!/usr/bin/env bash").containsPattern("status=(0|141)\n$");
        assertThat(out.lines()).hasSize(2);
        assertThat(Files.readString(err, UTF_8)).isEmpty();
    }
}
