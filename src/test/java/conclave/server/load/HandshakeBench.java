package conclave.server.load;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Authenticated handshakes per second: {@code concurrency} connections at a time, each doing the
 * whole login of an enrolled key (TCP connect, WebSocket upgrade, Hello → Challenge → Auth →
 * Established → ServerInfo) under a fresh session handle, then closing; as each one ends the
 * next starts. One user, one machine key, registered once before the clock starts.
 */
final class HandshakeBench {
    /** The outcome; CPU in cores over the measured window. */
    record Result(double handshakesPerSecond, long completed, long failed, String firstFailure,
            double serverCores, double generatorCores) {}

    private final ServerProcess server;
    private final int clientThreads;
    private final AtomicLong handles = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private volatile boolean stopping;

    HandshakeBench(ServerProcess server, int clientThreads) {
        this.server = server;
        this.clientThreads = clientThreads;
    }

    Result run(int concurrency, Duration warmup, Duration measure) throws IOException, InterruptedException {
        LoadConnection.Identity identity = new LoadConnection.Identity("bench", "box", LoadSigner.generate());
        try (LoadClient client = new LoadClient("load-handshakes", clientThreads, server.address())) {
            LoadConnection owner = LoadClient.await(client.connect(identity, "owner", true));
            for (int i = 0; i < concurrency; i++) {
                next(client, identity);
            }
            TimeUnit.NANOSECONDS.sleep(warmup.toNanos());
            long done0 = completed.get();
            long failed0 = failed.get();
            long t0 = System.nanoTime();
            Duration server0 = server.cpuTime();
            Duration generator0 = generatorCpu();
            TimeUnit.NANOSECONDS.sleep(measure.toNanos());
            long done1 = completed.get();
            long failed1 = failed.get();
            long t1 = System.nanoTime();
            Duration server1 = server.cpuTime();
            Duration generator1 = generatorCpu();
            stopping = true;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            owner.close();
            double seconds = (t1 - t0) / 1e9;
            return new Result((done1 - done0) / seconds, done1 - done0, failed1 - failed0, firstFailure.get(),
                    (server1.toNanos() - server0.toNanos()) / 1e9 / seconds,
                    (generator1.toNanos() - generator0.toNanos()) / 1e9 / seconds);
        }
    }

    private void next(LoadClient client, LoadConnection.Identity identity) {
        if (stopping) {
            return;
        }
        inFlight.incrementAndGet();
        client.connect(identity, "h" + handles.incrementAndGet(), false).whenComplete((connection, failure) -> {
            if (failure == null) {
                completed.incrementAndGet();
                connection.close();
            } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, failure.getMessage());
            }
            inFlight.decrementAndGet();
            next(client, identity);
        });
    }

    private static Duration generatorCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
