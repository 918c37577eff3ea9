package conclave.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/**
 * How a {@link JdbiStore} reaches its database: read-only work and write transactions, each
 * reported as a {@link StoreException} naming {@code operation} when the database fails.
 */
interface Transactions extends AutoCloseable {
    /** Runs {@code work} in one write transaction: committed when it returns, rolled back if it throws. */
    <R> R write(String operation, HandleCallback<R, RuntimeException> work);

    /**
     * Makes the write transactions of {@code handle} that name the same {@code scope} take turns
     * from here until the transaction ends, so a count followed by an insert cannot be overtaken.
     */
    void serialize(Handle handle, String scope);

    /** Runs read-only {@code work}. */
    <R> R read(String operation, HandleCallback<R, RuntimeException> work);

    @Override
    void close();
}
