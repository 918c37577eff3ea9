package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import conclave.server.cluster.ClusterAddress;
import conclave.server.load.ServerProcess;
import conclave.store.PostgresUrl;
import conclave.store.TestPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on a real {@code nats-server} whose {@code max_payload} is only 1 KiB: a post and
 * a presence heartbeat larger than that still cross, in parts. Without parts the post would
 * never reach the other instance (nothing follows it to reveal the gap), and the heartbeats would
 * be lost until the other instance counted this one dead and dropped its sessions.
 */
class NatsPartsIT {
    private static final int A = 0;
    private static final int B = 1;
    private static final int SESSIONS = 100;
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path scratch;

    private ServerProcess nats;
    private ClusterRig rig;
    private final List<WsTestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Optional<Path> binary = NatsClusterIT.natsServerBinary();
        assumeTrue(binary.isPresent(), "nats-server is not installed: skipped, as NatsClusterIT");
        Path config = Files.writeString(scratch.resolve("nats.conf"), "max_payload: 1024\n");
        nats = ServerProcess.natsServer(binary.get().toString(), List.of("-c", config.toString()));
        URI url = URI.create("nats://127.0.0.1:" + nats.address().getPort());
        PostgresUrl store = TestPostgres.shared().newDatabase("nats_parts");
        rig = ClusterRig.start(2, i -> ClusterRig.postgresInstance(store, new ClusterAddress.Nats(url)));
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(WsTestClient::close);
        if (rig != null) {
            rig.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    @Test
    void aPostLargerThanMaxPayload_reachesTheOtherInstanceWhole() throws Exception {
        WsTestClient alice = register(A, "alice", "cli", SigningKey.generate());
        WsTestClient bob = register(B, "bob", "cli", SigningKey.generate());
        alice.send(new Frame.Admin(new AdminOp.CreateChannel("lobby", Visibility.PUBLIC)));
        alice.next(Frame.Ack.class);
        for (WsTestClient client : List.of(alice, bob)) {
            client.send(new Frame.Join("lobby", Optional.empty()));
            client.next(Frame.Joined.class);
        }
        String body = "x".repeat(20_000) + " the end";

        alice.send(new Frame.ChannelMsg("lobby", SessionPath.UNSTAMPED, new Payload.Plain(body)));
        alice.next(Frame.Ack.class);

        assertThat(bob.next(Frame.ChannelMsg.class).payload()).isEqualTo(new Payload.Plain(body));
    }

    @Test
    void aHeartbeatLargerThanMaxPayload_keepsTheOtherInstancesViewOfThisOne() throws Exception {
        SigningKey key = SigningKey.generate();
        register(A, "alice", "s0", key);
        for (int i = 1; i < SESSIONS; i++) {
            clients.add(WsTestClient.login(rig.address(A), WireEncoding.BINCODE, key, "s" + i));
        }
        WsTestClient bob = register(B, "bob", "cli", SigningKey.generate());
        awaitAliceSessionsSeenBy(bob);

        // for twice the silence limit: only heartbeats (over 1 KiB each here) keep A alive for B
        Duration silenceLimit = ClusterRig.TIMINGS.silenceLimit();
        await().during(silenceLimit.multipliedBy(2)).atMost(silenceLimit.multipliedBy(3))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> aliceSessionsSeenBy(bob) == SESSIONS);
    }

    private void awaitAliceSessionsSeenBy(WsTestClient observer) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> aliceSessionsSeenBy(observer) == SESSIONS);
    }

    /** How many of alice's sessions {@code observer}'s instance lists. */
    private static long aliceSessionsSeenBy(WsTestClient observer) throws Exception {
        observer.send(new Frame.Who(Optional.empty()));
        Set<String> handles = observer.next(Frame.Presence.class).sessions().stream()
                .filter(path -> path.user().equals("alice"))
                .map(SessionPath::session)
                .collect(Collectors.toSet());
        return handles.size();
    }

    private WsTestClient register(int instance, String user, String handle, SigningKey key) throws Exception {
        WsTestClient client = WsTestClient.register(rig.address(instance), WireEncoding.BINCODE, user, handle, key);
        clients.add(client);
        return client;
    }
}
