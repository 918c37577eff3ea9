package conclave.server.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Server memory per idle authenticated session: heap in use after a full GC and resident set
 * size, read with one session (the owner), with half the sessions and with all of them. Every
 * session pings every 20 s, so none is reaped as idle. The total difference divided by the
 * sessions includes one-off costs (JIT-compiled code, Netty's pooled arenas); the slope between
 * half and all is the marginal cost of one more session.
 */
final class IdleMemoryBench {
    private static final int CONNECT_CONCURRENCY = 64;

    /** Heap and RSS at one point of the run. */
    record Sample(int sessions, long heapBytes, long rssBytes, int serverThreads) {}

    /** The three samples, the sessions still open at the end, and the server's live class histogram if asked. */
    record Result(Sample one, Sample half, Sample all, long stillOpen, String histogram) {
        double heapPerSession() {
            return (double) (all.heapBytes - one.heapBytes) / (all.sessions - one.sessions);
        }

        double heapPerSessionMarginal() {
            return (double) (all.heapBytes - half.heapBytes) / (all.sessions - half.sessions);
        }

        double rssPerSession() {
            return (double) (all.rssBytes - one.rssBytes) / (all.sessions - one.sessions);
        }

        double rssPerSessionMarginal() {
            return (double) (all.rssBytes - half.rssBytes) / (all.sessions - half.sessions);
        }
    }

    private final ServerProcess server;
    private final int clientThreads;

    IdleMemoryBench(ServerProcess server, int clientThreads) {
        this.server = server;
        this.clientThreads = clientThreads;
    }

    Result run(int sessions, boolean histogram) throws IOException, InterruptedException {
        LoadConnection.Identity identity = new LoadConnection.Identity("bench", "box", LoadSigner.generate());
        try (LoadClient client = new LoadClient("load-idle", clientThreads, server.address())) {
            List<LoadConnection> open = new ArrayList<>();
            LoadConnection owner = LoadClient.await(client.connect(identity, "owner", true));
            owner.keepalive(ConclaveFanOut.KEEPALIVE);
            open.add(owner);
            Sample one = sample(open.size());
            int half = sessions / 2;
            open.addAll(openSessions(client, identity, 0, half - 1));
            Sample halfway = sample(open.size());
            open.addAll(openSessions(client, identity, half - 1, sessions - 1));
            Sample all = sample(open.size());
            String classes = histogram ? server.classHistogram(25) : "";
            long stillOpen = open.stream().filter(LoadConnection::isOpen).count();
            open.forEach(LoadConnection::close);
            return new Result(one, halfway, all, stillOpen, classes);
        }
    }

    private static List<LoadConnection> openSessions(LoadClient client, LoadConnection.Identity identity, int from, int to)
            throws IOException, InterruptedException {
        List<String> handles = IntStream.range(from, to).mapToObj(i -> String.format("idle-%05d", i)).toList();
        List<LoadConnection> connections = client.connectAll(identity, handles, CONNECT_CONCURRENCY);
        connections.forEach(connection -> connection.keepalive(ConclaveFanOut.KEEPALIVE));
        return connections;
    }

    private Sample sample(int sessions) throws IOException {
        long heap = server.heapUsedAfterGc();
        return new Sample(sessions, heap, server.rssBytes(), threads());
    }

    private int threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring("Threads:".length()).trim());
            }
        }
        return -1;
    }
}
