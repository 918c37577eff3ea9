package conclave.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.ChildProcess;
import conclave.Launcher;
import conclave.server.ServeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The processes of an end-to-end bridge test: a {@code conclave serve}, config dirs registered on
 * it with {@code conclave register}, and {@code conclave bridge} processes, all under one temporary
 * directory. Tests register it with {@code @RegisterExtension}; after each test it closes everything
 * it started, the last started first.
 */
final class BridgeRig implements AfterEachCallback {
    private final Supplier<Path> temp;
    private final List<AutoCloseable> running = new ArrayList<>();

    /** A rig working in {@code temp}, read when first needed: a test's {@code @TempDir} is injected after its fields. */
    BridgeRig(Supplier<Path> temp) {
        this.temp = temp;
    }

    /** Starts {@code ./conclave serve --bind <bind> --data-dir <data> <more…>}. */
    ServeProcess serve(String bind, Path data, String... more) {
        List<String> args = new ArrayList<>(List.of("--data-dir", data.toString()));
        args.addAll(List.of(more));
        return closing(ServeProcess.startBound(bind, args.toArray(String[]::new)));
    }

    /** The URL of {@code server} as a client writes it. */
    static String url(ServeProcess server) {
        return "ws://127.0.0.1:" + server.address().getPort();
    }

    /** Starts {@code ./conclave bridge --config-dir <config> <args…>} in {@code workDir}. */
    BridgeProcess bridge(Path config, Path workDir, String... args) {
        return closing(BridgeProcess.start(config, workDir, args));
    }

    /** A config dir with a fresh key, registered on {@code url} as {@code user} from {@code machine}. */
    Path enrol(String url, String user, String machine) throws IOException {
        Path config = Files.createDirectory(temp.get().resolve(user + "-config"));
        cli(config, "register", "--server", url, "--username", user, "--machine", machine);
        return config;
    }

    /** Runs {@code ./conclave <args> --config-dir <config>}, which must succeed. */
    void cli(Path config, String... args) {
        ChildProcess.Result result = cliResult(config, args);
        assertThat(result.exitCode()).as("%s: %s%s", Arrays.toString(args), result.out(), result.err()).isZero();
    }

    /** Runs {@code ./conclave <args> --config-dir <config>} and returns what it did. */
    ChildProcess.Result cliResult(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config-dir", config.toString()));
        return Launcher.run(temp.get(), all.toArray(String[]::new));
    }

    /** Takes {@code resource} to close with the rest. */
    <T extends AutoCloseable> T closing(T resource) {
        running.add(resource);
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }
}
