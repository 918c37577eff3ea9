package conclave.client;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The address of a conclave server: a {@code ws://} or {@code wss://} URL with a host, whose port
 * defaults to 80 or 443. The path and query are kept as given and sent in the upgrade request (the
 * server itself ignores the query).
 *
 * <p>Two URLs are equal when their texts are: the bridge and the config file identify a server by
 * the exact string the user registered. Immutable and thread-safe.
 */
public final class ServerUrl {
    private final String text;
    private final URI uri;
    private final boolean secure;
    private final String host;
    private final int port;

    private ServerUrl(String text, URI uri, boolean secure, String host, int port) {
        this.text = text;
        this.uri = uri;
        this.secure = secure;
        this.host = host;
        this.port = port;
    }

    /**
     * Parses and checks a server URL.
     *
     * @throws IllegalArgumentException naming the URL and the broken rule, e.g.
     *     {@code invalid server URL `http://x`: the scheme must be ws:// or wss://}
     */
    public static ServerUrl parse(String text) {
        requireNonNull(text, "text");
        URI parsed;
        try {
            parsed = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(text, e.getReason() + " at index " + e.getIndex());
        }
        String scheme = parsed.getScheme();
        if (scheme == null) {
            throw invalid(text, "the scheme must be ws:// or wss://");
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw invalid(text, "the scheme must be ws:// or wss://, not " + scheme + "://");
        }
        if (parsed.isOpaque() || parsed.getHost() == null || parsed.getHost().isEmpty()) {
            throw invalid(text, "a host is required, as in ws://host:4390");
        }
        if (parsed.getRawUserInfo() != null) {
            throw invalid(text, "user information (`user@`) is not allowed");
        }
        if (parsed.getRawFragment() != null) {
            throw invalid(text, "a fragment (`#…`) is not allowed");
        }
        boolean secure = scheme.equals("wss");
        int port = parsed.getPort();
        if (port == 0 || port > 65535) {
            throw invalid(text, "the port must be between 1 and 65535");
        }
        if (port < 0) {
            port = secure ? 443 : 80;
        }
        // URI keeps the scheme's case; the WebSocket handshaker compares it as lower case.
        URI normalised = URI.create(scheme + text.substring(parsed.getScheme().length()));
        String host = parsed.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // an IPv6 literal, for the socket
        }
        return new ServerUrl(text, normalised, secure, host, port);
    }

    private static IllegalArgumentException invalid(String text, String rule) {
        return new IllegalArgumentException("invalid server URL `" + text + "`: " + rule);
    }

    /** The URL exactly as given. */
    public String text() {
        return text;
    }

    /** The URL with its scheme in lower case; what the upgrade request is built from. */
    public URI uri() {
        return uri;
    }

    /** True for {@code wss://}: the connection runs over TLS. */
    public boolean secure() {
        return secure;
    }

    /** The host name or IP address to dial, without IPv6 brackets. */
    public String host() {
        return host;
    }

    /** The port to dial: the URL's, or 80 for {@code ws://} and 443 for {@code wss://}. */
    public int port() {
        return port;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerUrl that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The URL exactly as given. */
    @Override
    public String toString() {
        return text;
    }
}
