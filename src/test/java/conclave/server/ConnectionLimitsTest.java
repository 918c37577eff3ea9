package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connection caps over real sockets: refused upgrades get HTTP 503; silent sockets are all closed by a deadline. */
class ConnectionLimitsTest {
    private static final String UPGRADED = "HTTP/1.1 101 Switching Protocols";
    private static final String BUSY = "HTTP/1.1 503 Service Unavailable";
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private final List<RawUpgrade.Opened> sockets = new ArrayList<>();
    private ConclaveServer server;

    @AfterEach
    void stop() throws Exception {
        for (RawUpgrade.Opened socket : sockets) {
            socket.close();
        }
        server.close();
    }

    private void start(int maxSessions, int maxPreAuthPerAddress, ServerTimings timings) {
        ServerLimits limits = new ServerLimits(
                Optional.of(RateLimit.DEFAULT), 65_536, maxSessions, maxPreAuthPerAddress, 100, 100);
        server = ConclaveServer.start(
                new ServerOptions(new InetSocketAddress("127.0.0.1", 0), Optional.empty(), List.of(), limits),
                ServerClock.system(), timings);
    }

    private RawUpgrade.Opened open() throws Exception {
        RawUpgrade.Opened socket = RawUpgrade.open(server.address());
        sockets.add(socket);
        return socket;
    }

    @Test
    void preAuth_fourFromOneAddressUpgrade_theFifthGets503_andAuthenticatedOnesDoNotCount() throws Exception {
        start(50_000, 4, ServerTimings.DEFAULT);
        try (WsTestClient established = WsTestClient.register(server.address(), WireEncoding.BINCODE, "aaron", "a")) {
            for (int i = 0; i < 4; i++) {
                assertThat(open().statusLine()).as("socket %d", i).isEqualTo(UPGRADED);
            }

            RawUpgrade.Opened refused = open();

            assertThat(refused.statusLine()).isEqualTo(BUSY);
            refused.awaitServerClose();
            assertThat(server.admittedConnections()).isEqualTo(5);
        }
    }

    @Test
    void preAuth_aClosedSlotIsFreedForTheNextConnection() throws Exception {
        start(50_000, 2, ServerTimings.DEFAULT);
        RawUpgrade.Opened first = open();
        open();
        assertThat(open().statusLine()).isEqualTo(BUSY);

        first.close();
        await().atMost(GENEROUS).until(() -> server.admittedConnections() == 1);

        assertThat(open().statusLine()).isEqualTo(UPGRADED);
    }

    @Test
    void sessions_atTheTotalCap_theNextGets503EvenOnceAuthenticated() throws Exception {
        start(2, 32, ServerTimings.DEFAULT);
        try (WsTestClient established = WsTestClient.register(server.address(), WireEncoding.JSON, "aaron", "a")) {
            assertThat(open().statusLine()).isEqualTo(UPGRADED);

            assertThat(open().statusLine()).isEqualTo(BUSY);
            established.send(new conclave.protocol.Frame.Ping());
            established.next(conclave.protocol.Frame.Pong.class);
        }
    }

    @Test
    void aThousandSilentSockets_areAllClosedByTheHandshakeDeadline_andTheCountsReturnToZero() throws Exception {
        ServerTimings timings = new ServerTimings(
                Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofHours(1));
        start(50_000, 2_000, timings);

        for (int i = 0; i < 1000; i++) {
            assertThat(open().statusLine()).as("socket %d", i).isEqualTo(UPGRADED);
        }

        for (RawUpgrade.Opened socket : sockets) {
            socket.awaitServerClose();
        }
        await().atMost(GENEROUS).until(() -> server.admittedConnections() == 0 && server.openConnections() == 0);
    }

    @Test
    void tcpWithoutAnHttpRequest_andATrickledRequest_areClosedByTheDeadline() throws Exception {
        ServerTimings timings = new ServerTimings(
                Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofHours(1));
        start(50_000, 32, timings);

        try (Socket silent = new Socket(); Socket trickling = new Socket()) {
            silent.connect(server.address());
            trickling.connect(server.address());
            trickling.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127".getBytes(StandardCharsets.US_ASCII));
            trickling.getOutputStream().flush();

            for (Socket socket : List.of(silent, trickling)) {
                socket.setSoTimeout((int) GENEROUS.toMillis());
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
        }
        await().atMost(GENEROUS).until(() -> server.openConnections() == 0);
    }
}
