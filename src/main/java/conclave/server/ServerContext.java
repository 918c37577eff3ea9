package conclave.server;

import conclave.store.Store;
import java.security.SecureRandom;

/**
 * What every session of one server shares: the store, the hub (this instance's sessions), the
 * cluster (every instance's), the admins, the limits, time, randomness, the metrics and the
 * request tracing.
 */
record ServerContext(
        Store store, Hub hub, Cluster cluster, AdminAllowlist admins, ServerLimits limits, ServerClock clock,
        SecureRandom random, ServerMetrics metrics, RequestTracing tracing) {}
