package conclave.ui;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may use the console: a request must name this server as its {@code Host} (so a DNS-rebound
 * page cannot reach it), carry the access token (the cookie, or {@code ?token=} once), and, when it
 * changes state or opens the live socket, come from this server's own {@code Origin}. Pure: no I/O.
 */
final class UiGuard {
    /** The cookie that carries the token after the first visit. */
    static final String COOKIE = "conclave_ui";

    /** Why a request is turned away, and the status that says so. */
    record Refusal(HttpResponseStatus status, String reason) {}

    private final byte[] token;

    UiGuard(String token) {
        this.token = token.getBytes(US_ASCII);
    }

    /** The names this console answers to, on the port the request came in on. */
    private static List<String> hosts(int port) {
        return List.of("127.0.0.1:" + port, "localhost:" + port);
    }

    /** The {@code Host} rule: 421 unless the request names this console at {@code port}. */
    Optional<Refusal> checkHost(HttpRequest request, int port) {
        List<String> hosts = hosts(port);
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
            return Optional.of(new Refusal(HttpResponseStatus.MISDIRECTED_REQUEST,
                    "Host must be " + hosts.get(0) + " or " + hosts.get(1)));
        }
        return Optional.empty();
    }

    /** The token in the query string, if the request carries one. */
    static Optional<String> queryToken(HttpRequest request) {
        List<String> values = new QueryStringDecoder(request.uri()).parameters().get("token");
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Whether {@code candidate} is the access token (compared in constant time). */
    boolean isToken(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(US_ASCII));
    }

    /** The token rule: 401 unless the cookie holds the token. */
    Optional<Refusal> checkCookie(HttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.COOKIE);
        if (header != null) {
            for (Cookie cookie : ServerCookieDecoder.STRICT.decodeAll(header)) {
                if (cookie.name().equals(COOKIE) && isToken(cookie.value())) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Refusal(HttpResponseStatus.UNAUTHORIZED,
                "missing or wrong access token: open the URL `conclave ui` printed"));
    }

    /** The origin rule for state changes and the live socket: 403 unless it is this console's own. */
    Optional<Refusal> checkOrigin(HttpRequest request, int port) {
        List<String> hosts = hosts(port);
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null || !origin.startsWith("http://")
                || !hosts.contains(origin.substring("http://".length()).toLowerCase(Locale.ROOT))) {
            return Optional.of(new Refusal(HttpResponseStatus.FORBIDDEN,
                    "Origin must be http://" + hosts.get(0) + " or http://" + hosts.get(1)));
        }
        return Optional.empty();
    }
}
