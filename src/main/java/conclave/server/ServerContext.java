package conclave.server;

import conclave.store.Store;
import java.security.SecureRandom;

/** What every session of one server shares: the store, the hub, the admins, time and randomness. */
record ServerContext(Store store, Hub hub, AdminAllowlist admins, ServerClock clock, SecureRandom random) {}
