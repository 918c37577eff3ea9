package conclave.server;

import conclave.server.cluster.ClusterAddress;
import conclave.store.PostgresUrl;
import conclave.store.TestPostgres;

/** The cluster scenarios on the PostgreSQL LISTEN/NOTIFY bus, three instances on one embedded PostgreSQL. */
class PostgresClusterIT extends ClusterScenarios {
    @Override
    ClusterRig startCluster() {
        PostgresUrl store = TestPostgres.shared().newDatabase("pg_cluster");
        return ClusterRig.start(3, i -> ClusterRig.postgresInstance(store, new ClusterAddress.Postgres()));
    }
}
