package conclave.server;

import conclave.store.Store;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Wraps a {@link Store} so that every call is timed into {@link ServerMetrics}' store latency histogram. */
final class TimedStore {
    private static final double NANOS_PER_SECOND = 1e9;

    private TimedStore() {}

    static Store wrap(Store store, ServerMetrics metrics) {
        Map<Method, DistributionDataPoint> latencies = new HashMap<>();
        for (Method method : Store.class.getMethods()) {
            // One append operation whichever form is called, so dashboards keep operation="appendMessage".
            String operation = method.getName().equals("appendLinkedMessage") ? "appendMessage" : method.getName();
            latencies.put(method, metrics.storeOperation(operation));
        }
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                    DistributionDataPoint latency = latencies.get(method);
                    long start = System.nanoTime();
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException thrown) {
                        throw thrown.getCause(); // callers see the store's own exception
                    } finally {
                        if (latency != null) { // Object's methods (toString …) are not store operations
                            latency.observe((System.nanoTime() - start) / NANOS_PER_SECOND);
                        }
                    }
                });
    }
}
