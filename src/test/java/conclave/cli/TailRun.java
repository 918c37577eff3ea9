package conclave.cli;

import static org.awaitility.Awaitility.await;

import conclave.client.ClientTransport;
import conclave.client.Link;
import conclave.client.LinkOptions;
import conclave.client.ServerUrl;
import conclave.identity.KeyFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;

/**
 * A tail running in this JVM as {@link TailCommand} wires it (a {@link Link} driving a
 * {@link ChannelTail}, a thread printing its {@link TailOutput}), with what it printed readable
 * while it runs and a way to stop it as Ctrl-C would.
 */
final class TailRun implements AutoCloseable {
    /** Long enough for a loaded two-core machine, reconnect backoff included. */
    static final Duration LIMIT = Duration.ofSeconds(30);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ClientTransport transport = ClientTransport.start();
    private final TailOutput output = new TailOutput();
    private final Link link;
    /** The exit code, or the failure that {@link TailOutput#printTo} threw. */
    final CompletableFuture<Integer> ended = new CompletableFuture<>();

    /** Tails {@code channel} on {@code url} as {@code handle}, with the key in {@code configDir}. */
    TailRun(String url, Path configDir, String channel, String handle, OptionalLong watermark) {
        LinkOptions options = LinkOptions.of(ServerUrl.parse(url), new KeyFile(configDir.resolve("key")).load(), () -> handle)
                .withFirstRedial(TailCommand.FIRST_REDIAL)
                .withDialNoticeAfter(1);
        link = Link.openWith(transport, options, opened ->
                new ChannelTail(opened, channel, new TailFeed(channel, watermark), output, InstantSource.system()));
        Thread printer = new Thread(() -> {
            try {
                ended.complete(output.printTo(new PrintWriter(out), new PrintWriter(err)));
            } catch (RuntimeException failure) {
                ended.completeExceptionally(failure);
            }
        }, "tail-printer");
        printer.setDaemon(true);
        printer.start();
    }

    static ConditionFactory awaiting() {
        return await().atMost(LIMIT).pollInterval(Duration.ofMillis(20));
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** Waits until stdout contains {@code text}. */
    void awaitOut(String text) {
        awaiting().until(() -> out().contains(text));
    }

    /** Waits until stderr contains {@code text}. */
    void awaitErr(String text) {
        awaiting().until(() -> err().contains(text));
    }

    /** The failure message the tail ended with, waiting for it to end. */
    String failure() throws Exception {
        try {
            Integer exit = ended.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("ended cleanly with " + exit + "; stderr: " + err());
        } catch (java.util.concurrent.ExecutionException failed) {
            return failed.getCause().getMessage();
        }
    }

    /** Stops as Ctrl-C does and returns the exit code. */
    int stop() throws Exception {
        output.stop();
        return ended.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        output.stop();
        link.close();
        transport.close();
    }
}
