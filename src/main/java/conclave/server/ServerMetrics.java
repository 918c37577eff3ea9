package conclave.server;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The server's Prometheus metrics: counters bumped at a few points of the session life cycle
 * (adder-backed, lock-free) and gauges read only when scraped. Labels carry outcomes, reasons and
 * store operations, never names, bodies or tokens. Exemplars are off: there are no traces to link,
 * and sampling them would cost every increment. Thread-safe.
 */
final class ServerMetrics {
    /** The text exposition format this class writes. */
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    /** Store calls range from a cached read (tens of µs) to a contended fsync'd write (tens of ms). */
    private static final double[] STORE_SECONDS =
            {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
    private static final Map<String, String> DROP_LABELS = Map.of(
            ForceDrop.SUPERSEDED, "superseded",
            ForceDrop.IDLE, "idle",
            ForceDrop.SLOW_CONSUMER, "slow_consumer",
            ForceDrop.MACHINE_REVOKED, "machine_revoked",
            ForceDrop.USER_REMOVED, "user_removed");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter handshakes = Counter.builder()
            .name("conclave_handshakes_total")
            .help("Handshakes that ended, by outcome: established, timed_out or the error kind sent.")
            .labelNames("outcome")
            .withoutExemplars()
            .register(registry);
    private final CounterDataPoint established = handshakes.labelValues("established");
    private final CounterDataPoint deliveries = Counter.builder()
            .name("conclave_deliveries_total")
            .help("Pushed frames (channel messages, whispers) queued to a recipient session.")
            .withoutExemplars()
            .register(registry)
            .labelValues();
    private final Counter forceDrops = Counter.builder()
            .name("conclave_force_drops_total")
            .help("Sessions the server ended, by reason.")
            .labelNames("reason")
            .withoutExemplars()
            .register(registry);
    private final CounterDataPoint rateLimited = Counter.builder()
            .name("conclave_rate_limited_total")
            .help("ChannelMsg and Whisper requests refused by the per-session rate limit.")
            .withoutExemplars()
            .register(registry)
            .labelValues();
    private final Histogram storeLatency = Histogram.builder()
            .name("conclave_store_operation_seconds")
            .help("Time spent in each store operation.")
            .labelNames("operation")
            .classicOnly()
            .classicUpperBounds(STORE_SECONDS)
            .withoutExemplars()
            .register(registry);

    /** Registers the gauges, read at scrape time: established sessions, admitted connections, channels. */
    void watch(IntSupplier sessions, IntSupplier connections, IntSupplier channels) {
        gauge("conclave_sessions", "Established (authenticated) sessions.", sessions);
        gauge("conclave_connections", "WebSocket connections held, authenticated or not.", connections);
        gauge("conclave_channels", "Channels that exist.", channels);
    }

    private void gauge(String name, String help, IntSupplier value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> callback.call(value.getAsInt()))
                .register(registry);
    }

    void handshakeEstablished() {
        established.inc();
    }

    /** A handshake that failed; {@code outcome} is an error kind or {@code timed_out}. */
    void handshakeFailed(String outcome) {
        handshakes.labelValues(outcome).inc();
    }

    void delivered(long frames) {
        if (frames > 0) {
            deliveries.inc(frames);
        }
    }

    /** A session was ended with {@code reason}, one of the {@link ForceDrop} texts. */
    void forceDropped(String reason) {
        forceDrops.labelValues(DROP_LABELS.getOrDefault(reason, "other")).inc();
    }

    void rateLimited() {
        rateLimited.inc();
    }

    /** The latency recorder of one store operation, looked up once so that timing a call needs no map. */
    DistributionDataPoint storeOperation(String operation) {
        return storeLatency.labelValues(operation);
    }

    /** Everything, in the Prometheus text format. */
    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a byte array does not fail
        }
        return out.toByteArray();
    }
}
