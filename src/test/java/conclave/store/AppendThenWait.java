package conclave.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;

/**
 * The child process of {@link KillAfterAppendTest}: opens the store in {@code args[0]}, appends
 * {@code args[2]} to channel {@code args[1]}, prints {@link #MARKER} and the returned timestamp,
 * then waits to be killed.
 */
public final class AppendThenWait {
    static final String MARKER = "appended ts_ms=";

    private AppendThenWait() {}

    public static void main(String[] args) throws InterruptedException {
        SqliteStore store = SqliteStore.open(Path.of(args[0]), InstantSource.system());
        long ts = store.appendMessage(args[1], "alice/box/s", args[2].getBytes(StandardCharsets.UTF_8),
                        InstantSource.system().millis())
                .orElseThrow();
        System.out.println(MARKER + ts);
        System.out.flush();
        new CountDownLatch(1).await(); // never released: the parent kills this process
    }
}
