package conclave.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
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
            writeUpgrade(socket, path);
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            List<String> head = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.add(line.toLowerCase());
            }
            return head;
        }
    }

    /**
     * Asks for an upgrade of {@code /} and reads the response head byte by byte (nothing past it),
     * leaving the socket open and silent; the caller closes it.
     *
     * @return the socket and its status line, e.g. {@code HTTP/1.1 101 Switching Protocols}
     */
    static Opened open(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(server, (int) DEADLINE.toMillis());
            socket.setSoTimeout((int) DEADLINE.toMillis());
            writeUpgrade(socket, "/");
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                head.append((char) next);
            }
            return new Opened(socket, head.toString().lines().findFirst().orElse(""));
        } catch (IOException failed) {
            socket.close();
            throw failed;
        }
    }

    /** An upgrade request's socket, still open, and the status line it got. */
    record Opened(Socket socket, String statusLine) implements AutoCloseable {
        /**
         * Returns once the server has closed the connection, skipping whatever it sent first.
         *
         * @throws java.net.SocketTimeoutException if it is still open after the read deadline
         */
        void awaitServerClose() throws IOException {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // skip the Close frame
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static void writeUpgrade(Socket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
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
