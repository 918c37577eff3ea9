package conclave.bridge;

import conclave.client.ClientTransport;
import conclave.client.Link;
import conclave.client.LinkEvent;
import conclave.client.LinkOptions;
import conclave.client.ServerUrl;
import conclave.config.ServerRegistration;
import conclave.identity.SigningKey;
import conclave.protocol.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running bridge: the stdio MCP peer, one {@link Link} per selected server and the
 * {@link BridgeDispatcher} between them. It runs until stdin ends or {@code stop} completes.
 *
 * <p>Threading: every event goes through one single-thread executor that owns the dispatcher, so
 * the dispatcher never sees two events at once. Links report from their event loops and stdin is
 * read on its own daemon thread; both only hand events over.
 */
public final class Bridge {
    /** How often calls are checked against their deadline. */
    static final long TICK_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

    private final ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bridge-dispatcher");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Link> links = new LinkedHashMap<>();
    private final AtomicReference<String> handle = new AtomicReference<>();
    private final ServerIdClaims claims = new ServerIdClaims();
    private final BridgeDispatcher dispatcher;

    private Bridge(BridgeSettings settings, OutputStream out) {
        LinkPort port = new LinkPort() {
            @Override
            public void request(String server, long callId, Frame request) {
                links.get(server).request(request).whenComplete((reply, failure) -> post(failure == null
                        ? new BridgeEvent.CallAnswered(callId, reply)
                        : new BridgeEvent.CallFailed(callId, reason(failure))));
            }

            @Override
            public void handleChanged(String renamed) {
                handle.set(renamed);
            }
        };
        dispatcher = new BridgeDispatcher(settings, InstantSource.system(), port, new McpLineWriter(out));
        handle.set(dispatcher.handle());
    }

    /**
     * Runs a bridge until {@code in} ends or {@code stop} completes, then closes every link.
     *
     * @param key this machine's identity, for every link
     * @param in Claude Code's requests
     * @param out MCP only
     */
    public static void run(BridgeSettings settings, SigningKey key, InputStream in, OutputStream out,
            CompletableFuture<Void> stop) throws InterruptedException {
        Bridge bridge = new Bridge(settings, out);
        // Claude Code waits for the initialize reply, which needs no link: read stdin first and
        // start the network while the first requests are answered.
        Thread reader = new Thread(() -> bridge.read(in, stop), "bridge-stdin");
        reader.setDaemon(true); // a read blocked on stdin must not keep the process alive
        reader.start();
        bridge.events.scheduleWithFixedDelay(() -> bridge.dispatcher.on(new BridgeEvent.Tick()), TICK_MILLIS,
                TICK_MILLIS, TimeUnit.MILLISECONDS);
        try (ClientTransport transport = ClientTransport.start()) {
            bridge.openLinks(settings, key, transport);
            try {
                stop.get();
            } catch (ExecutionException impossible) {
                throw new IllegalStateException(impossible);
            } finally {
                bridge.close();
            }
        }
    }

    private void openLinks(BridgeSettings settings, SigningKey key, ClientTransport transport) {
        // On the dispatcher's thread, which alone touches `links`; a link's first event queues
        // behind this task, so it never reaches the dispatcher before its link is in the map.
        post(() -> {
            for (ServerRegistration server : settings.servers()) {
                LinkOptions options = LinkOptions.of(ServerUrl.parse(server.url()), key, handle::get)
                        .withServerIdGate(claims.gateFor(server.url()))
                        .withFeatures(List.of(Frame.Capabilities.INBOX));
                links.put(server.url(), Link.open(transport, options, event -> post(translate(server.url(), event))));
            }
        });
    }

    private BridgeEvent translate(String server, LinkEvent event) {
        if (event instanceof LinkEvent.Refused refused) {
            return new BridgeEvent.LinkDuplicate(server, claims.owner(refused.serverId()).orElse(refused.serverId()));
        }
        return new BridgeEvent.LinkReported(server, event);
    }

    private void read(InputStream in, CompletableFuture<Void> stop) {
        try {
            new McpLineReader(in).readAll(message -> post(new BridgeEvent.McpReceived(message)));
            LOG.debug("stdin ended; shutting down");
        } catch (IOException e) {
            LOG.warn("stopped reading stdin: {}", e.getMessage());
        }
        // Let the events read so far be handled before the links close.
        post(() -> stop.complete(null));
    }

    private void post(BridgeEvent event) {
        post(() -> dispatcher.on(event));
    }

    private void post(Runnable task) {
        try {
            events.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException bug) {
                    LOG.error("the bridge failed to handle an event", bug);
                }
            });
        } catch (RejectedExecutionException closing) {
            LOG.debug("dropped an event during shutdown");
        }
    }

    private void close() throws InterruptedException {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        post(() -> {
            links.values().forEach(Link::close);
            closed.complete(null);
        });
        try {
            closed.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("links did not close in time");
        }
        events.shutdownNow();
        events.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
