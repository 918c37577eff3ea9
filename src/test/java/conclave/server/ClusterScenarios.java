package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.HistoryMessage;
import conclave.protocol.Payload;
import conclave.protocol.ProtocolError;
import conclave.protocol.ReceiptState;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One conclave on three instances: clients on different instances chat, whisper, see each other,
 * are moderated and force-dropped from any instance, and a crashed instance's sessions vanish.
 * Subclasses pick the bus (and the store every instance shares).
 */
abstract class ClusterScenarios {
    /** Long enough for a loaded two-core machine; the silence limit in {@link ClusterRig} is 3 s. */
    static final Duration GENEROUS = Duration.ofSeconds(30);

    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;

    private ClusterRig rig;
    private final List<WsTestClient> clients = new ArrayList<>();

    /** Starts the three instances of the conclave under test. */
    abstract ClusterRig startCluster() throws Exception;

    @BeforeEach
    void startInstances() throws Exception {
        rig = startCluster();
    }

    @AfterEach
    void stopInstances() {
        clients.forEach(WsTestClient::close);
        rig.close();
    }

    @Test
    void serverId_isOneForTheWholeCluster() {
        assertThat(rig.instance(B).serverId()).isEqualTo(rig.instance(A).serverId());
        assertThat(rig.instance(C).serverId()).isEqualTo(rig.instance(A).serverId());
    }

    @Test
    void post_onOneInstance_reachesSubscribersOnTheOthers() throws Exception {
        WsTestClient alice = client(A, "alice");
        WsTestClient bob = client(B, "bob");
        WsTestClient carol = client(C, "carol");
        createAndJoin(alice, "lobby", Visibility.PUBLIC);
        join(bob, "lobby");
        join(carol, "lobby");

        post(alice, "lobby", "hello from A");
        assertThat(body(bob.next(Frame.ChannelMsg.class))).isEqualTo("hello from A");
        assertThat(body(carol.next(Frame.ChannelMsg.class))).isEqualTo("hello from A");
        post(bob, "lobby", "hello from B");

        Frame.ChannelMsg fromBob = alice.next(Frame.ChannelMsg.class);
        assertThat(fromBob.from()).isEqualTo(path("bob"));
        assertThat(body(fromBob)).isEqualTo("hello from B");
        assertThat(body(carol.next(Frame.ChannelMsg.class))).isEqualTo("hello from B");
        assertThat(bob.silentFor(Duration.ofMillis(300))).as("a sender never gets its own post back").isTrue();
    }

    /** 20,000 characters: more than one PostgreSQL notification carries (it goes through the spill table). */
    @Test
    void largePost_onOneInstance_reachesSubscribersOnTheOthersWhole() throws Exception {
        WsTestClient alice = client(A, "alice");
        WsTestClient bob = client(B, "bob");
        createAndJoin(alice, "lobby", Visibility.PUBLIC);
        join(bob, "lobby");
        String large = "x".repeat(20_000);

        post(alice, "lobby", large);

        assertThat(body(bob.next(Frame.ChannelMsg.class))).isEqualTo(large);
    }

    @Test
    void who_onAnyInstance_listsTheSessionsOfEveryInstance() throws Exception {
        WsTestClient alice = client(A, "alice");
        WsTestClient bob = client(B, "bob");
        client(C, "carol");
        createAndJoin(alice, "lobby", Visibility.PUBLIC);
        join(bob, "lobby");

        awaitWho(alice, Optional.empty(), List.of(path("alice"), path("bob"), path("carol")));
        awaitWho(bob, Optional.of("lobby"), List.of(path("alice"), path("bob")));
    }

    @Test
    void whisper_toASessionOnAnotherInstance_arrives() throws Exception {
        WsTestClient alice = client(A, "alice");
        WsTestClient carol = client(C, "carol");
        awaitWho(alice, Optional.empty(), List.of(path("alice"), path("carol")));

        alice.send(new Frame.Whisper(SessionPath.UNSTAMPED, path("carol"), new Payload.Plain("psst")));

        assertThat(alice.next()).isEqualTo(new Frame.Ack(Optional.empty()));
        Frame.Whisper whisper = carol.next(Frame.Whisper.class);
        assertThat(whisper.from()).isEqualTo(path("alice"));
        assertThat(whisper.payload()).isEqualTo(new Payload.Plain("psst"));
    }

    @Test
    void whisper_toASessionOnlineNowhere_isNotFound() throws Exception {
        WsTestClient alice = client(A, "alice");

        alice.send(new Frame.Whisper(SessionPath.UNSTAMPED, path("nobody"), new Payload.Plain("psst")));

        assertThat(alice.next(Frame.Error.class).error()).isInstanceOf(ProtocolError.NotFound.class);
    }

    @Test
    void ban_onOneInstance_stopsAJoinOnAnotherAndUnsubscribesThere() throws Exception {
        WsTestClient alice = client(A, "alice");
        SigningKey key = SigningKey.generate();
        WsTestClient mallory = WsTestClient.register(rig.address(C), WireEncoding.BINCODE, "mallory", "cli", key);
        clients.add(mallory);
        createAndJoin(alice, "lobby", Visibility.PUBLIC);
        join(mallory, "lobby");

        alice.send(new Frame.Admin(new AdminOp.Ban("lobby", "mallory")));
        alice.next(Frame.Ack.class);

        WsTestClient again = WsTestClient.login(rig.address(C), WireEncoding.BINCODE, key, "second");
        clients.add(again);
        again.send(new Frame.Join("lobby", Optional.empty()));
        assertThat(again.next()).isEqualTo(Replies.channelPrivate("lobby"));
        awaitWho(alice, Optional.of("lobby"), List.of(path("alice")));
        post(alice, "lobby", "not for mallory");
        assertThat(mallory.silentFor(Duration.ofMillis(500))).isTrue();
    }

    @Test
    void inboxWhisperToAUserLiveOnAnotherInstance_isHandedOverAtOnce_andItsReceiptsComeBack() throws Exception {
        WsTestClient alice = inboxClient(A, "alice");
        WsTestClient bob = inboxClient(B, "bob");
        awaitWho(bob, Optional.empty(), List.of(path("alice"), path("bob")));

        alice.send(new Frame.Whisper(path("alice"), SessionPath.ofUser("bob"), new Payload.Plain("psst")));
        String queued = alice.next(Frame.Ack.class).detail().orElseThrow();
        assertThat(queued).startsWith("queued ");
        long id = Long.parseUnsignedLong(queued.substring("queued ".length()));

        Frame.InboxWhisper handed = bob.next(Frame.InboxWhisper.class);
        assertThat(handed.messageId()).isEqualTo(id);
        assertThat(handed.from()).isEqualTo(path("alice"));
        assertThat(handed.payload()).isEqualTo(new Payload.Plain("psst"));
        assertThat(alice.next(Frame.Receipt.class)).isEqualTo(new Frame.Receipt(id, ReceiptState.DELIVERED));

        bob.send(new Frame.MarkRead(id));
        bob.next(Frame.Ack.class);
        assertThat(alice.next(Frame.Receipt.class)).isEqualTo(new Frame.Receipt(id, ReceiptState.READ));
    }

    @Test
    void kick_onOneInstance_unsubscribesTheSessionOnAnother() throws Exception {
        WsTestClient alice = client(A, "alice");
        WsTestClient bob = client(B, "bob");
        WsTestClient carol = client(B, "carol");
        createAndJoin(alice, "lobby", Visibility.PUBLIC);
        join(bob, "lobby");
        join(carol, "lobby");

        alice.send(new Frame.Admin(new AdminOp.Kick("lobby", "bob")));
        alice.next(Frame.Ack.class);
        awaitWho(alice, Optional.of("lobby"), List.of(path("alice"), path("carol")));
        post(alice, "lobby", "after the kick");

        assertThat(body(carol.next(Frame.ChannelMsg.class))).isEqualTo("after the kick");
        assertThat(bob.silentFor(Duration.ofMillis(500))).isTrue();
    }

    @Test
    void rename_onOneInstance_movesSubscriptionsOnTheOthers() throws Exception {
        WsTestClient alice = client(A, "alice");
        WsTestClient bob = client(B, "bob");
        createAndJoin(alice, "lobby", Visibility.PUBLIC);
        join(bob, "lobby");

        alice.send(new Frame.Admin(new AdminOp.RenameChannel("lobby", "hall")));
        alice.next(Frame.Ack.class);
        awaitWho(alice, Optional.of("hall"), List.of(path("alice"), path("bob")));
        post(alice, "hall", "in the hall");

        assertThat(bob.next(Frame.ChannelMsg.class).channel()).isEqualTo("hall");
    }

    @Test
    void machineRemoval_onOneInstance_dropsTheSessionOnAnother() throws Exception {
        SigningKey key = SigningKey.generate();
        WsTestClient first = WsTestClient.register(rig.address(A), WireEncoding.JSON, "dave", "one", key);
        clients.add(first);
        WsTestClient second = WsTestClient.login(rig.address(C), WireEncoding.JSON, key, "two");
        clients.add(second);

        first.send(new Frame.Admin(new AdminOp.MachineRemove("box")));
        first.next(Frame.Ack.class);

        assertThat(second.next()).isEqualTo(new Frame.Error(new ProtocolError.Unauthorized(ForceDrop.MACHINE_REVOKED)));
        second.awaitClosed();
    }

    @Test
    void samePath_onAnotherInstance_supersedesTheOlderSession() throws Exception {
        SigningKey key = SigningKey.generate();
        WsTestClient older = WsTestClient.register(rig.address(A), WireEncoding.BINCODE, "erin", "cli", key);
        clients.add(older);
        WsTestClient observer = client(C, "observer");
        awaitWho(observer, Optional.empty(), List.of(new SessionPath("erin", "box", "cli"), path("observer")));

        WsTestClient newer = WsTestClient.login(rig.address(B), WireEncoding.BINCODE, key, "cli");
        clients.add(newer);

        assertThat(older.next()).isEqualTo(new Frame.Error(new ProtocolError.Unauthorized(ForceDrop.SUPERSEDED)));
        older.awaitClosed();
        newer.send(new Frame.Ping());
        assertThat(newer.next()).isEqualTo(new Frame.Pong());
        awaitWho(observer, Optional.empty(), List.of(new SessionPath("erin", "box", "cli"), path("observer")));
    }

    @Test
    void crashedInstance_itsSessionsVanish_andTheirClientsComeBackElsewhere() throws Exception {
        SigningKey key = SigningKey.generate();
        WsTestClient frank = WsTestClient.register(rig.address(B), WireEncoding.JSON, "frank", "cli", key);
        clients.add(frank);
        WsTestClient alice = client(A, "alice");
        awaitWho(alice, Optional.empty(), List.of(path("alice"), new SessionPath("frank", "box", "cli")));

        rig.halt(B);

        frank.awaitClosed();
        awaitWho(alice, Optional.empty(), List.of(path("alice")));
        WsTestClient back = WsTestClient.login(rig.address(C), WireEncoding.JSON, key, "cli");
        clients.add(back);
        awaitWho(alice, Optional.empty(), List.of(path("alice"), new SessionPath("frank", "box", "cli")));
    }

    /**
     * Three posters, one per instance, post at once; a listener on every instance must get every
     * message in exactly the order history (ts_ms) has them.
     */
    @Test
    void concurrentPosts_onThreeInstances_reachEveryListenerInTimestampOrder() throws Exception {
        int perPoster = 60;
        WsTestClient owner = client(A, "owner");
        createAndJoin(owner, "race", Visibility.PUBLIC);
        List<WsTestClient> posters = new ArrayList<>();
        List<WsTestClient> listeners = new ArrayList<>();
        for (int instance = 0; instance < 3; instance++) {
            WsTestClient poster = client(instance, "poster" + instance);
            join(poster, "race");
            posters.add(poster);
            WsTestClient listener = client(instance, "listener" + instance);
            join(listener, "race");
            listeners.add(listener);
        }

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                WsTestClient poster = posters.get(p);
                int number = p;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perPoster; i++) {
                        poster.send(new Frame.ChannelMsg("race", SessionPath.UNSTAMPED, new Payload.Plain(number + ":" + i)));
                    }
                    return null;
                }));
            }
            for (Future<?> posted : done) {
                posted.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<List<String>> receivedByListener = new ArrayList<>();
        for (WsTestClient listener : listeners) {
            List<String> received = new ArrayList<>();
            while (received.size() < 3 * perPoster) {
                received.add(body(listener.next(Frame.ChannelMsg.class)));
            }
            receivedByListener.add(received);
        }
        WsTestClient reader = listeners.get(0);
        reader.send(new Frame.ReadSince("race", 0));
        List<String> history = new ArrayList<>();
        for (HistoryMessage message : reader.next(Frame.History.class).messages()) {
            history.add(((Payload.Plain) message.payload()).body());
        }
        assertThat(history).hasSize(3 * perPoster);
        for (List<String> received : receivedByListener) {
            assertThat(received).as("deliveries in ts_ms order").isEqualTo(history);
        }
    }

    /** Registers {@code user} on {@code instance} as {@code user/box/cli}. */
    private WsTestClient client(int instance, String user) throws Exception {
        WsTestClient client = WsTestClient.register(rig.address(instance), WireEncoding.BINCODE, user, "cli");
        clients.add(client);
        return client;
    }

    /** Like {@link #client}, with the {@code inbox} extension negotiated. */
    private WsTestClient inboxClient(int instance, String user) throws Exception {
        WsTestClient client = client(instance, user);
        client.send(new Frame.Capabilities(List.of("inbox")));
        assertThat(client.next(Frame.Capabilities.class).features()).containsExactly("inbox");
        return client;
    }

    private static SessionPath path(String user) {
        return new SessionPath(user, "box", "cli");
    }

    private static void createAndJoin(WsTestClient client, String channel, Visibility visibility) throws Exception {
        client.send(new Frame.Admin(new AdminOp.CreateChannel(channel, visibility)));
        client.next(Frame.Ack.class);
        join(client, channel);
    }

    private static void join(WsTestClient client, String channel) throws Exception {
        client.send(new Frame.Join(channel, Optional.empty()));
        assertThat(client.next()).isEqualTo(new Frame.Joined(channel));
    }

    private static void post(WsTestClient client, String channel, String body) throws Exception {
        client.send(new Frame.ChannelMsg(channel, SessionPath.UNSTAMPED, new Payload.Plain(body)));
        assertThat(client.next()).isEqualTo(new Frame.Ack(Optional.empty()));
    }

    private static String body(Frame.ChannelMsg message) {
        return ((Payload.Plain) message.payload()).body();
    }

    /** Asks {@code who} until the answer is {@code expected}. */
    private static void awaitWho(WsTestClient client, Optional<String> channel, List<SessionPath> expected) {
        await().atMost(GENEROUS).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            client.send(new Frame.Who(channel));
            assertThat(client.next(Frame.Presence.class).sessions()).isEqualTo(expected);
        });
    }
}
