package conclave.store;

import conclave.identity.Tokens;
import org.jdbi.v3.core.Handle;

/** SQL for the {@code meta} table: server-wide singletons. Stateless; runs on the caller's handle. */
final class Meta {
    /**
     * Reads the instance id, creating it first if absent. Insert-if-absent then read converges:
     * when two first boots race, the loser's insert does nothing and it reads the winner's id.
     */
    String instanceId(Handle handle) {
        handle.createUpdate("INSERT INTO meta (key, value) VALUES ('instance_id', :fresh) ON CONFLICT DO NOTHING")
                .bind("fresh", Tokens.generate())
                .execute();
        return handle.createQuery("SELECT value FROM meta WHERE key = 'instance_id'")
                .mapTo(String.class)
                .one();
    }
}
