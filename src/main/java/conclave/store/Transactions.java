package conclave.store;

import org.jdbi.v3.core.HandleCallback;

/**
 * How a {@link JdbiStore} reaches its database: read-only work and write transactions, each
 * reported as a {@link StoreException} naming {@code operation} when the database fails.
 */
interface Transactions extends AutoCloseable {
    /** Runs {@code work} in one write transaction: committed when it returns, rolled back if it throws. */
    <R> R write(String operation, HandleCallback<R, RuntimeException> work);

    /** Runs read-only {@code work}. */
    <R> R read(String operation, HandleCallback<R, RuntimeException> work);

    @Override
    void close();
}
