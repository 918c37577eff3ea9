package conclave.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import conclave.server.cluster.ClusterAddress;
import conclave.server.load.ServerProcess;
import conclave.store.PostgresUrl;
import conclave.store.TestPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The cluster scenarios on the NATS bus, against a real {@code nats-server} on a free loopback
 * port, with the three instances on one embedded PostgreSQL store; skipped, with the reason in the report, when no {@code nats-server} binary is installed.
 */
class NatsClusterIT extends ClusterScenarios {
    private static ServerProcess nats;

    @BeforeAll
    static void startNats() throws Exception {
        Optional<Path> binary = natsServerBinary();
        assumeTrue(binary.isPresent(), "nats-server is not installed (not on PATH nor in /usr/sbin):"
                + " the NATS cluster bus tests are skipped; install the Debian package nats-server to run them");
        nats = ServerProcess.natsServer(binary.get().toString());
    }

    @AfterAll
    static void stopNats() throws Exception {
        if (nats != null) {
            nats.close();
        }
    }

    @Override
    ClusterRig startCluster() {
        URI url = URI.create("nats://127.0.0.1:" + nats.address().getPort());
        PostgresUrl store = TestPostgres.shared().newDatabase("nats_cluster");
        return ClusterRig.start(3, i -> ClusterRig.postgresInstance(store, new ClusterAddress.Nats(url)));
    }

    /** {@code nats-server} on PATH, or where the Debian package puts it. */
    static Optional<Path> natsServerBinary() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "nats-server"));
                }
            }
        }
        candidates.add(Path.of("/usr/sbin/nats-server"));
        candidates.add(Path.of("/usr/bin/nats-server"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
