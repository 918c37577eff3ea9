package conclave.server.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Which bus joins this instance to the others of its conclave, as {@code serve --cluster} (or
 * {@code CONCLAVE_CLUSTER}) names it: {@code none} (alone: the default), {@code postgres}
 * (LISTEN/NOTIFY on the PostgreSQL store) or {@code nats://HOST:PORT}. {@link InProcess} joins
 * instances that run in one JVM and has no text form.
 */
public sealed interface ClusterAddress {
    /** The instance is alone: nothing leaves the process. */
    record Solo() implements ClusterAddress {}

    /** LISTEN/NOTIFY on the PostgreSQL database the store uses. */
    record Postgres() implements ClusterAddress {}

    /** A NATS server, {@code nats://HOST:PORT}. */
    record Nats(URI url) implements ClusterAddress {
        public Nats {
            Objects.requireNonNull(url, "url");
        }
    }

    /** Instances of one JVM that share {@code exchange}. */
    record InProcess(InProcessExchange exchange) implements ClusterAddress {
        public InProcess {
            Objects.requireNonNull(exchange, "exchange");
        }
    }

    /**
     * Parses a {@code --cluster} value.
     *
     * @throws IllegalArgumentException naming the value and the forms accepted
     */
    static ClusterAddress parse(String text) {
        if (text.equals("none")) {
            return new Solo();
        }
        if (text.equals("postgres")) {
            return new Postgres();
        }
        if (text.startsWith("nats://")) {
            return new Nats(natsUrl(text));
        }
        throw invalid(text, "expected `none`, `postgres` or `nats://HOST:PORT`");
    }

    private static URI natsUrl(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(text, "not a URL (" + e.getReason() + ")");
        }
        if (url.getHost() == null || url.getPort() < 1) {
            throw invalid(text, "a NATS address needs a host and a port, as in nats://127.0.0.1:4222");
        }
        if ((url.getPath() != null && !url.getPath().isEmpty()) || url.getQuery() != null || url.getFragment() != null) {
            throw invalid(text, "a NATS address is only nats://HOST:PORT, with no path or query");
        }
        return url;
    }

    private static IllegalArgumentException invalid(String text, String rule) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return new IllegalArgumentException("invalid cluster bus `" + shown + "`: " + rule);
    }
}
