package conclave.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics} on its own address ({@code --metrics-bind}), apart from the client port. */
final class MetricsEndpoint implements AutoCloseable {
    private final HttpServer http;

    private MetricsEndpoint(HttpServer http) {
        this.http = http;
    }

    /**
     * Binds {@code address} and starts serving.
     *
     * @throws UncheckedIOException naming the address if it cannot be bound
     */
    static MetricsEndpoint bind(InetSocketAddress address, ServerMetrics metrics) {
        HttpServer http;
        try {
            http = HttpServer.create(address, 16);
        } catch (IOException failure) {
            throw new UncheckedIOException("failed to bind metrics address `" + address.getHostString() + ":"
                    + address.getPort() + "`: " + failure.getMessage(), failure);
        }
        http.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange, metrics);
            }
        });
        http.start();
        return new MetricsEndpoint(http);
    }

    private static void answer(HttpExchange exchange, ServerMetrics metrics) throws IOException {
        String method = exchange.getRequestMethod();
        if (!exchange.getRequestURI().getPath().equals("/metrics")) {
            plain(exchange, 404, "not found");
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            plain(exchange, 405, "method not allowed");
        } else {
            byte[] body = metrics.scrape();
            exchange.getResponseHeaders().set("Content-Type", ServerMetrics.CONTENT_TYPE);
            send(exchange, 200, body);
        }
    }

    private static void plain(HttpExchange exchange, int status, String text) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        send(exchange, status, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The address actually bound. */
    InetSocketAddress address() {
        return http.getAddress();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
