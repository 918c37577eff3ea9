package conclave.store;

import conclave.protocol.Visibility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The store's share of every post: appending a 1 KiB message to one channel's history, committed,
 * on SQLite (a WAL file, as {@code serve} uses it) and on PostgreSQL (the tests' embedded server,
 * over loopback). Latency from one thread; throughput from four threads on the same channel.
 * Run: ./mvnw -B -q test-compile exec:exec@jmh -Djmh.args="StoreAppendBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s"
 */
@State(Scope.Benchmark)
public class StoreAppendBenchmark {
    @Param({"sqlite", "postgresql"})
    public String backend;

    private final byte[] payload = new byte[1024];
    private Store store;
    private Path dataDir;

    @Setup(Level.Trial)
    public void open() throws IOException {
        if (backend.equals("sqlite")) {
            dataDir = Files.createTempDirectory("conclave-bench-");
            store = SqliteStore.open(dataDir, InstantSource.system());
        } else {
            store = PostgresStore.open(TestPostgres.shared().newDatabase("bench"), InstantSource.system());
        }
        store.createChannel("lobby", Visibility.PUBLIC, "aaron", Integer.MAX_VALUE);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        if (dataDir != null) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long appendLatency() {
        return append();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(4)
    public long appendThroughput() {
        return append();
    }

    private long append() {
        return store.appendMessage("lobby", "aaron/box/s", payload, System.currentTimeMillis()).orElseThrow();
    }
}
