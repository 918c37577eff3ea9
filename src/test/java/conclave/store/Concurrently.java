package conclave.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs tasks on their own threads, released together, and collects the results with a deadline. */
final class Concurrently {
    private static final long DEADLINE_SECONDS = 30;

    private Concurrently() {}

    /** Runs {@code task(0)} … {@code task(threads - 1)} at the same moment; results in task order. */
    static <T> List<T> run(int threads, IntFunction<T> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
                    return task.apply(index);
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(DEADLINE_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
            if (!pool.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("worker threads did not stop within " + DEADLINE_SECONDS + " s");
            }
        }
    }
}
