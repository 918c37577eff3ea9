package conclave.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a loopback port in front of {@code upstream} that can cut the link silently:
 * after {@link #cut}, every open connection keeps both its sockets open but drops whatever either
 * side sends, as a half-open path does (no FIN, no RST), and new connections are black holes too;
 * after {@link #restore}, new connections forward again while the cut ones stay dead.
 *
 * <p>Blocking sockets, two daemon threads per connection; {@link #close} closes every socket,
 * which ends them.
 */
final class TcpProxy implements AutoCloseable {
    private static final int BUFFER = 16 * 1024;

    /** One client connection and its upstream twin. */
    static final class Connection {
        private final Socket client;
        private final Socket server;
        private volatile boolean silent;
        private final CompletableFuture<Void> serverClosed = new CompletableFuture<>();

        private Connection(Socket client, Socket server, boolean silent) {
            this.client = client;
            this.server = server;
            this.silent = silent;
        }

        /** Completes when the server ends its side of this connection (EOF or reset). */
        CompletableFuture<Void> serverClosed() {
            return serverClosed;
        }

        private void close() {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    private TcpProxy(ServerSocket listener, InetSocketAddress upstream) {
        this.listener = listener;
        this.upstream = upstream;
    }

    /** Starts accepting on an ephemeral loopback port. */
    static TcpProxy start(InetSocketAddress upstream) throws IOException {
        TcpProxy proxy = new TcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstream);
        daemon("tcp-proxy-accept", proxy::acceptLoop);
        return proxy;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Every connection accepted so far, oldest first. */
    List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** Goes silent: open connections and new ones drop everything, sockets stay open. */
    void cut() {
        cut = true;
        connections.forEach(connection -> connection.silent = true);
    }

    /** New connections forward again; those cut stay silent. */
    void restore() {
        cut = false;
    }

    @Override
    public void close() {
        closeQuietly(listener);
        connections.forEach(Connection::close);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            Socket server = new Socket();
            try {
                server.connect(upstream, 10_000);
            } catch (IOException unreachable) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            Connection connection = new Connection(client, server, cut);
            connections.add(connection);
            daemon("tcp-proxy-up", () -> pump(connection, client, server, false));
            daemon("tcp-proxy-down", () -> pump(connection, server, client, true));
        }
    }

    /** Copies {@code from} to {@code to} until either ends; while silent, reads and drops. */
    private static void pump(Connection connection, Socket from, Socket to, boolean fromServer) {
        byte[] buffer = new byte[BUFFER];
        try {
            // not try-with-resources: closing a socket's stream closes the socket, and a cut one stays open
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (!connection.silent) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException ended) {
            // reset by a peer or closed by close(): the connection is over either way
        } finally {
            if (fromServer) {
                connection.serverClosed.complete(null);
            }
            if (!connection.silent) {
                connection.close(); // a forwarding proxy passes the end on; a cut one says nothing
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort: the socket may already be gone
        }
    }
}
