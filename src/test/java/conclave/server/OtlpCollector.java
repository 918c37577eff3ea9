package conclave.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in OTLP/HTTP collector on an ephemeral loopback port: it accepts every POST with 200
 * and keeps what arrived (path, headers, body bytes), since both signals post to one base URL in
 * no fixed order. Thread-safe.
 */
final class OtlpCollector implements AutoCloseable {
    /** One export request as it arrived; header names in lower case. */
    record Export(String path, Map<String, List<String>> headers, byte[] body) {
        boolean bodyContains(String text) {
            return new String(body, StandardCharsets.ISO_8859_1)
                    .contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }

        String header(String name) {
            List<String> values = headers.getOrDefault(name, List.of());
            return values.isEmpty() ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final List<Export> exports = new CopyOnWriteArrayList<>();

    private OtlpCollector(HttpServer server) {
        this.server = server;
    }

    static OtlpCollector start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OtlpCollector collector = new OtlpCollector(server);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Map<String, List<String>> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
                collector.exports.add(new Export(exchange.getRequestURI().getPath(), headers, in.readAllBytes()));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return collector;
    }

    /** The base URL to give as {@code CONCLAVE_OTLP_ENDPOINT}. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request that arrived so far. */
    List<Export> exports() {
        return List.copyOf(exports);
    }

    /** The requests that arrived on {@code path} so far. */
    List<Export> exports(String path) {
        return exports.stream().filter(export -> export.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
