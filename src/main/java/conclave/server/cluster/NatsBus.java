package conclave.server.cluster;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ClusterBus} on a NATS server: one subject per conclave ({@code conclave.cluster.<server
 * id>}), core NATS (no persistence), no echo of an instance's own messages. NATS keeps each
 * connection's messages in order. A message larger than the server's {@code max_payload} goes in
 * parts ({@link NatsParts}). After a lost connection jnats reconnects on its own, without end;
 * what was published meanwhile is lost, which heartbeats repair.
 */
public final class NatsBus implements ClusterBus {
    private static final Logger LOG = LoggerFactory.getLogger(NatsBus.class);
    private static final Duration CONNECT_DEADLINE = Duration.ofSeconds(10);

    private final URI url;
    private final String subject;
    private final String instanceName;
    private final NatsParts parts;
    private volatile Connection connection;

    /**
     * A bus for the conclave {@code serverId} on the NATS server at {@code url}.
     *
     * @param instanceName how this instance shows in NATS' connection list
     */
    public NatsBus(URI url, String serverId, String instanceName) {
        this.url = url;
        this.subject = "conclave.cluster." + serverId;
        this.instanceName = instanceName;
        this.parts = new NatsParts(Long.toHexString(new SecureRandom().nextLong()));
    }

    @Override
    public void open(java.util.function.Consumer<byte[]> receiver) {
        Options options = new Options.Builder()
                .server(url.toString())
                .connectionName("conclave " + instanceName)
                .noEcho()
                .connectionTimeout(CONNECT_DEADLINE)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                .errorListener(new Errors())
                .connectionListener((conn, event) -> LOG.info("cluster bus nats {} server={}:{}",
                        event.name().toLowerCase(java.util.Locale.ROOT), url.getHost(), url.getPort()))
                .build();
        try {
            connection = Nats.connect(options);
        } catch (IOException e) {
            throw new ClusterBusException("cannot reach the NATS server at " + url.getHost() + ":" + url.getPort()
                    + " (--cluster): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterBusException("interrupted while connecting to NATS", e);
        }
        Dispatcher dispatcher = connection.createDispatcher(message -> {
            String part = message.hasHeaders() ? message.getHeaders().getFirst(NatsParts.HEADER) : null;
            try {
                parts.join(part, message.getData()).ifPresent(receiver);
            } catch (NatsParts.BrokenPart broken) {
                LOG.warn("cluster bus nats: {}", broken.getMessage());
            }
        });
        dispatcher.subscribe(subject);
    }

    @Override
    public void publish(List<byte[]> messages) {
        Connection open = connection;
        if (open == null || open.getStatus() == Connection.Status.CLOSED) {
            throw new ClusterBusException("the NATS bus is closed");
        }
        long maxPayload = open.getMaxPayload();
        boolean headers = open.getServerInfo().isHeadersSupported();
        int unsent = 0;
        for (byte[] message : messages) {
            if (message.length > maxPayload && !headers) {
                unsent++; // the rest of the batch still goes out
                continue;
            }
            for (NatsParts.Part part : parts.split(message, maxPayload)) {
                if (part.headers() == null) {
                    open.publish(subject, part.data());
                } else {
                    open.publish(subject, part.headers(), part.data());
                }
            }
        }
        if (unsent > 0) {
            throw new ClusterBusException(unsent + " cluster message(s) exceed the NATS server's max_payload of "
                    + maxPayload + " bytes, and the server is too old (before 2.2) for them to go in parts");
        }
    }

    @Override
    public void close() {
        Connection open = connection;
        connection = null;
        if (open != null) {
            try {
                open.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** jnats' asynchronous problems, logged without message contents. */
    private static final class Errors implements ErrorListener {
        @Override
        public void errorOccurred(Connection conn, String error) {
            LOG.warn("cluster bus nats error: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            LOG.warn("cluster bus nats exception: {}", exp.toString());
        }

        @Override
        public void slowConsumerDetected(Connection conn, Consumer consumer) {
            LOG.warn("cluster bus nats: this instance reads too slowly; messages were dropped");
        }
    }
}
