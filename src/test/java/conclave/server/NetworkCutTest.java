package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.client.ClientTransport;
import conclave.client.Link;
import conclave.client.LinkEvent;
import conclave.client.LinkOptions;
import conclave.client.ServerUrl;
import conclave.identity.SigningKey;
import conclave.protocol.Frame;
import conclave.protocol.SessionPath;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Network cut: a {@link Link} reaches an in-process server through a {@link TcpProxy} that goes
 * silent (half-open: sockets stay up, nothing passes). The server reaps the stale session, the
 * link notices through its keepalive and comes back; over a fresh path it supersedes its own
 * stale session at once. Short server timings keep these quick; {@link NetworkCutIT} runs the
 * reap with the protocol's real 60 s.
 */
class NetworkCutTest {
    /** Sweep every 200 ms, reap after 2 s of silence. */
    private static final ServerTimings QUICK = new ServerTimings(
            Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofHours(1));
    private static final Duration KEEPALIVE = Duration.ofMillis(300);
    /** The bound on reaping a half-open session. */
    static final Duration REAP_BOUND = Duration.ofSeconds(75);
    private static final Duration EVENT_DEADLINE = Duration.ofSeconds(120);
    private static final String HANDLE = "bridge";

    @Test
    void silentCut_serverReapsTheStaleSession_linkDetectsLoss_andReconnectsWhenThePathReturns() throws Exception {
        Duration reapedAfter = reapScenario(QUICK, KEEPALIVE);

        assertThat(reapedAfter).isLessThan(REAP_BOUND);
    }

    @Test
    void silentCut_linkReconnectsOverAFreshPath_andSupersedesItsStaleSessionAtOnce() throws Exception {
        SigningKey key = SigningKey.generate();
        try (ConclaveServer server = start(ServerTimings.DEFAULT);
                TcpProxy proxy = TcpProxy.start(server.address());
                ClientTransport transport = ClientTransport.start()) {
            enroll(server.address(), key);
            BlockingQueue<LinkEvent> events = new LinkedBlockingQueue<>();
            try (Link link = Link.open(transport, options(proxy, key, KEEPALIVE), events::add)) {
                next(events, LinkEvent.Up.class);
                TcpProxy.Connection stale = proxy.connections().get(0);

                proxy.cut();
                proxy.restore(); // the cut connection stays dead; the next dial gets a fresh path
                long cutAt = System.nanoTime();

                assertThat(next(events, LinkEvent.Down.class).reason()).contains("keepalive");
                assertThat(next(events, LinkEvent.Up.class).path().session()).isEqualTo(HANDLE);
                // the server ends the stale session as superseded, long before its 60 s idle limit
                stale.serverClosed().get(EVENT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
                Duration closedAfter = Duration.ofNanos(System.nanoTime() - cutAt);
                assertThat(closedAfter).isLessThan(ServerTimings.DEFAULT.idleLimit());
                assertThat(link.request(new Frame.Ping()).get(EVENT_DEADLINE.toSeconds(), TimeUnit.SECONDS))
                        .isEqualTo(new Frame.Pong());
                assertThat(online(server.address(), key)).containsOnlyOnce(HANDLE);
            }
        }
    }

    /**
     * Cuts the path under an established link, waits for the server to reap its session and for
     * the link to notice, restores the path and waits for the link to come back; returns how long
     * after the cut the server closed the stale connection.
     */
    static Duration reapScenario(ServerTimings timings, Duration keepalive) throws Exception {
        SigningKey key = SigningKey.generate();
        try (ConclaveServer server = start(timings);
                TcpProxy proxy = TcpProxy.start(server.address());
                ClientTransport transport = ClientTransport.start()) {
            enroll(server.address(), key);
            BlockingQueue<LinkEvent> events = new LinkedBlockingQueue<>();
            try (Link link = Link.open(transport, options(proxy, key, keepalive), events::add)) {
                next(events, LinkEvent.Up.class);
                assertThat(online(server.address(), key)).contains(HANDLE);
                TcpProxy.Connection stale = proxy.connections().get(0);

                proxy.cut();
                long cutAt = System.nanoTime();

                stale.serverClosed().get(EVENT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
                Duration reapedAfter = Duration.ofNanos(System.nanoTime() - cutAt);
                assertThat(online(server.address(), key)).doesNotContain(HANDLE);
                assertThat(next(events, LinkEvent.Down.class).reason()).contains("keepalive");
                System.out.printf("network cut: server reaped the half-open session %.1f s after the cut"
                        + " (sweep every %s, idle limit %s)%n", reapedAfter.toMillis() / 1e3,
                        timings.reapEvery(), timings.idleLimit());

                proxy.restore();

                assertThat(next(events, LinkEvent.Up.class).path().session()).isEqualTo(HANDLE);
                assertThat(online(server.address(), key)).contains(HANDLE);
                return reapedAfter;
            }
        }
    }

    private static ConclaveServer start(ServerTimings timings) {
        return ConclaveServer.start(
                new ServerOptions(new InetSocketAddress("127.0.0.1", 0), Optional.empty(), List.of()),
                ServerClock.system(), timings);
    }

    private static LinkOptions options(TcpProxy proxy, SigningKey key, Duration keepalive) {
        return LinkOptions.of(ServerUrl.parse("ws://127.0.0.1:" + proxy.port() + "/"), key, () -> HANDLE)
                .withKeepaliveEvery(keepalive)
                .withConnectTimeout(Duration.ofSeconds(2))
                .withHandshakeTimeout(Duration.ofSeconds(2))
                .withRandom(() -> 0);
    }

    /** Registers the key's user straight with the server, not through the proxy. */
    private static void enroll(InetSocketAddress server, SigningKey key) throws Exception {
        WsTestClient.register(server, WireEncoding.BINCODE, "aaron", "setup", key).close();
    }

    /** The handles online right now, asked by a short-lived session of the same user. */
    private static List<String> online(InetSocketAddress server, SigningKey key) throws Exception {
        try (WsTestClient observer = WsTestClient.login(server, WireEncoding.BINCODE, key, "observer")) {
            observer.send(new Frame.Who(Optional.empty()));
            return observer.next(Frame.Presence.class).sessions().stream().map(SessionPath::session).toList();
        }
    }

    /** Skips events of other kinds until one of {@code type} arrives, within the deadline. */
    private static <T extends LinkEvent> T next(BlockingQueue<LinkEvent> events, Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + EVENT_DEADLINE.toNanos();
        while (true) {
            LinkEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(event).as("a %s link event within %s", type.getSimpleName(), EVENT_DEADLINE).isNotNull();
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
    }
}
