package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.Frame;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handshake deadline and the idle reaper over real sockets, with shortened timings. */
class ServerTimeoutsTest {
    /** Short, but roomy enough for a client to connect and register on a loaded 2-core machine. */
    private static final ServerTimings FAST = new ServerTimings(
            Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMillis(1500), Duration.ofHours(1));

    private ConclaveServer server;

    @BeforeEach
    void start() {
        server = ConclaveServer.start(
                new ServerOptions(new InetSocketAddress("127.0.0.1", 0), Optional.empty(), List.of()),
                ServerClock.system(), FAST);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void silentConnection_isClosedWithPolicyViolationAndNoFrame() throws Exception {
        try (WsTestClient client = WsTestClient.connect(server.address(), WireEncoding.BINCODE)) {
            WsTestClient.Event event = client.nextEvent();

            assertThat(event).isEqualTo(new WsTestClient.Closed(1008));
        }
    }

    @Test
    void handshakeNotFinishedInTime_getsTimeoutErrorThenClose() throws Exception {
        try (WsTestClient client = WsTestClient.connect(server.address(), WireEncoding.JSON)) {
            client.send(new Frame.Hello(1, "slow"));
            client.next(Frame.Challenge.class);

            assertThat(client.next(Frame.Error.class).error().display()).isEqualTo("unauthorized: handshake timed out");
            client.awaitClosed();
        }
    }

    @Test
    void establishedButSilent_isReapedWithIdleTimeout() throws Exception {
        try (WsTestClient client = WsTestClient.register(server.address(), WireEncoding.BINCODE, "idle", "s")) {
            assertThat(client.next(Frame.Error.class).error().display())
                    .isEqualTo("unauthorized: idle timeout: no heartbeat");
            client.awaitClosed();
        }
    }

    @Test
    void establishedAndPinging_outlivesTheIdleLimit() throws Exception {
        try (WsTestClient client = WsTestClient.register(server.address(), WireEncoding.BINCODE, "busy", "s")) {
            long until = System.nanoTime() + FAST.idleLimit().multipliedBy(3).toNanos();
            while (System.nanoTime() < until) {
                client.send(new Frame.Ping());
                client.next(Frame.Pong.class);
            }

            client.send(new Frame.Who(Optional.empty()));
            assertThat(client.next(Frame.Presence.class).sessions()).hasSize(1);
        }
    }
}
