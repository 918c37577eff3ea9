package conclave.client;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.ssl.NotSslRecordException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;

/**
 * Turns a transport exception (JDK or Netty) into the short cause a person reads after
 * {@code failed to connect to `<url>`: }, so no raw Netty text leaks into messages.
 */
final class TransportFailures {
    private TransportFailures() {}

    static String describe(Throwable failure) {
        Throwable root = failure;
        int depth = 0;
        // Netty wraps what it catches (DecoderException around an SSLException, …); find the
        // innermost cause we know how to say, but never walk a cycle.
        for (Throwable t = failure; t != null && depth < 8; t = t.getCause(), depth++) {
            String known = known(t);
            if (known != null) {
                return known;
            }
            root = t;
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static String known(Throwable t) {
        if (t instanceof UnknownHostException) {
            // The JDK says "name: Name or service not known" or just "name".
            String message = String.valueOf(t.getMessage());
            int reason = message.indexOf(": ");
            return "unknown host `" + (reason > 0 ? message.substring(0, reason) : message) + "`";
        }
        if (t instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (t instanceof ConnectException) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("refused")) {
                return "connection refused";
            }
            return message;
        }
        if (t instanceof NotSslRecordException) {
            // Its own message is a hex dump of whatever arrived.
            return "TLS handshake failed: the server did not answer in TLS (a plain ws:// server?)";
        }
        if (t instanceof SSLException) {
            return "TLS handshake failed: " + t.getMessage();
        }
        if (t instanceof WebSocketClientHandshakeException upgrade) {
            return upgrade.response() != null
                    ? "the server answered `" + upgrade.response().status() + "` instead of a WebSocket upgrade"
                    : "the WebSocket upgrade failed: " + t.getMessage();
        }
        if (t instanceof ClosedChannelException) {
            return "the connection closed during the WebSocket upgrade";
        }
        return null;
    }
}
