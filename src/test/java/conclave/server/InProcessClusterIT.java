package conclave.server;

import conclave.server.cluster.ClusterAddress;
import conclave.server.cluster.InProcessExchange;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The cluster scenarios on the in-process bus, three instances on one SQLite file. */
class InProcessClusterIT extends ClusterScenarios {
    @TempDir
    Path dataDir;

    @Override
    ClusterRig startCluster() {
        InProcessExchange exchange = new InProcessExchange();
        return ClusterRig.start(3, i -> ClusterRig.sqliteInstance(dataDir, new ClusterAddress.InProcess(exchange)));
    }
}
