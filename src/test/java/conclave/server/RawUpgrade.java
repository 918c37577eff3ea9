package conclave.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A WebSocket upgrade request written by hand, so tests can read the raw response head. */
final class RawUpgrade {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private RawUpgrade() {}

    /** The status line and header lines of the upgrade response for {@code path}, lower-cased. */
    static List<String> responseHead(InetSocketAddress server, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, (int) DEADLINE.toMillis());
            socket.setSoTimeout((int) DEADLINE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\n"
                            + "Host: 127.0.0.1\r\n"
                            + "Upgrade: websocket\r\n"
                            + "Connection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            + "Sec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            List<String> head = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.add(line.toLowerCase());
            }
            return head;
        }
    }

    /** The {@code x-conclave-server-id} of an upgrade response, if it carried one. */
    static Optional<String> serverId(InetSocketAddress server) throws IOException {
        String prefix = WebSocketUpgrade.SERVER_ID_HEADER + ":";
        return responseHead(server, "/").stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()).trim())
                .findFirst();
    }
}
