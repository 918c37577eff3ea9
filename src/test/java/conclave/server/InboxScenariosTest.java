package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.ReceiptState;
import conclave.protocol.SessionPath;
import conclave.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code inbox} extension, transport-free: negotiation, queueing, delivery, cap, retention, receipts. */
class InboxScenariosTest {
    private static final ServerLimits NO_RATE_LIMIT =
            new ServerLimits(Optional.empty(), 64 * 1024, 50_000, 32, 100, 100);
    private static final SessionPath BOB_AGENT = new SessionPath("bob", "desk", "agent");

    @TempDir
    Path dataDir;

    private TestServer server;
    private SigningKey bobKey;

    @BeforeEach
    void start() {
        server = new TestServer(dataDir, NO_RATE_LIMIT);
        bobKey = SigningKey.generate();
        server.register("bob", "desk", "setup", bobKey).disconnect();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Frame whisper(SessionPath target, String body) {
        return new Frame.Whisper(SessionPath.UNSTAMPED, target, new Payload.Plain(body));
    }

    /** Negotiates {@code inbox} and returns what the server pushed right after the reply. */
    private static List<Frame> negotiate(TestSession session) {
        session.send(new Frame.Capabilities(List.of("inbox")));
        assertThat(session.next(Frame.Capabilities.class).features()).containsExactly("inbox");
        return session.drain();
    }

    private TestSession inboxSender() {
        TestSession alice = server.register("alice", "razel");
        assertThat(negotiate(alice)).isEmpty();
        return alice;
    }

    private static long queuedId(Frame.Ack ack) {
        String detail = ack.detail().orElseThrow();
        assertThat(detail).startsWith("queued ");
        return Long.parseLong(detail.substring("queued ".length()));
    }

    @Test
    void capabilities_unknownFeaturesAreLeftOut_theReplyIsTheAcceptedSubset() {
        TestSession alice = server.register("alice", "razel");

        alice.send(new Frame.Capabilities(List.of("teleport", "inbox")));

        assertThat(alice.next(Frame.Capabilities.class).features()).containsExactly("inbox");
        alice.assertNothingReceived();
    }

    @Test
    void capabilities_twice_isMalformed_andTheSessionStaysUp() {
        TestSession alice = inboxSender();

        alice.send(new Frame.Capabilities(List.of("inbox")));

        alice.nextError("malformed frame: capabilities were already negotiated on this session");
        alice.send(new Frame.Ping());
        alice.next(Frame.Pong.class);
    }

    @Test
    void capabilities_beforeEstablished_endsTheHandshakeAsAnyOtherFrameWould() {
        TestSession early = server.connect();
        TestServer.hello(early, "early");

        early.send(new Frame.Capabilities(List.of("inbox")));

        early.nextError("malformed frame: expected Register or Auth");
        assertThat(early.closed()).isTrue();
    }

    @Test
    void whisper_inboxSenderToOfflinePath_isQueued_thenDeliveredWithReceipts() {
        TestSession alice = inboxSender();
        alice.send(whisper(BOB_AGENT, "are you there?"));
        long id = queuedId(alice.nextAck());
        long sentAt = server.clock.millis();
        server.clock.advance(Duration.ofMinutes(5));

        TestSession bob = server.login(bobKey, "agent");
        bob.assertNothingReceived();
        List<Frame> pushed = negotiate(bob);

        assertThat(pushed).containsExactly(new Frame.InboxWhisper(
                id, alice.path(), BOB_AGENT, sentAt, new Payload.Plain("are you there?")));
        assertThat(alice.drain()).containsExactly(new Frame.Receipt(id, ReceiptState.DELIVERED));

        bob.send(new Frame.MarkRead(id));

        assertThat(bob.nextAck().detail()).isEmpty();
        assertThat(alice.drain()).containsExactly(new Frame.Receipt(id, ReceiptState.READ));
    }

    @Test
    void whisper_plainSenderToOfflinePath_isTheOriginalNotFound_andNothingIsQueued() {
        TestSession rusty = server.register("rusty", "old");

        rusty.send(whisper(BOB_AGENT, "hello?"));

        rusty.nextError("not found: session `bob/desk/agent` is not online");
        TestSession bob = server.login(bobKey, "agent");
        assertThat(negotiate(bob)).isEmpty();
    }

    @Test
    void queuedWhisper_recipientWithoutInbox_getsNothing_untilASessionNegotiates() {
        TestSession alice = inboxSender();
        alice.send(whisper(BOB_AGENT, "later"));
        queuedId(alice.nextAck());

        TestSession plain = server.login(bobKey, "agent");
        plain.send(new Frame.Ping());
        plain.next(Frame.Pong.class);
        plain.assertNothingReceived();
        plain.disconnect();

        TestSession bob = server.login(bobKey, "agent");
        assertThat(negotiate(bob)).hasSize(1);
    }

    @Test
    void whisper_inboxSenderToLivePath_isPushedAsTheOriginalWhisper() {
        TestSession alice = inboxSender();
        TestSession bob = server.login(bobKey, "agent");

        alice.send(whisper(BOB_AGENT, "now"));

        assertThat(alice.nextAck().detail()).isEmpty();
        assertThat(bob.next(Frame.Whisper.class).payload()).isEqualTo(new Payload.Plain("now"));
    }

    @Test
    void whisper_bareUsernameWithoutInboxSession_isQueued_andGoesToTheFirstInboxSessionOnly() {
        TestSession alice = inboxSender();
        alice.send(whisper(SessionPath.ofUser("bob"), "for any of you"));
        long id = queuedId(alice.nextAck());

        TestSession first = server.login(bobKey, "one");
        TestSession second = server.login(bobKey, "two");

        Frame.InboxWhisper delivered = (Frame.InboxWhisper) negotiate(first).get(0);
        assertThat(delivered.messageId()).isEqualTo(id);
        assertThat(delivered.target()).isEqualTo(SessionPath.ofUser("bob"));
        assertThat(negotiate(second)).isEmpty();
    }

    @Test
    void whisper_bareUsernameWithLiveInboxSessions_reachesEachButTheSender() {
        TestSession alice = inboxSender();
        TestSession one = server.login(bobKey, "one");
        negotiate(one);
        TestSession two = server.login(bobKey, "two");
        negotiate(two);
        TestSession plain = server.login(bobKey, "plain");

        alice.send(whisper(SessionPath.ofUser("bob"), "all hands"));

        assertThat(alice.nextAck().detail()).isEmpty();
        assertThat(one.next(Frame.Whisper.class).target()).isEqualTo(SessionPath.ofUser("bob"));
        assertThat(two.next(Frame.Whisper.class).target()).isEqualTo(SessionPath.ofUser("bob"));
        plain.assertNothingReceived();
    }

    @Test
    void whisper_toUnknownUserOrMachine_isNotFound_evenForAnInboxSender() {
        TestSession alice = inboxSender();

        alice.send(whisper(new SessionPath("ghost", "m", "s"), "x"));
        alice.nextError("not found: no user `ghost` to queue a whisper for");
        alice.send(whisper(new SessionPath("bob", "laptop", "s"), "x"));
        alice.nextError("not found: no machine `bob/laptop` to queue a whisper for");
        alice.send(whisper(SessionPath.ofUser("ghost"), "x"));
        alice.nextError("not found: no user `ghost` to queue a whisper for");
    }

    @Test
    void whisper_pastTheInboxCap_isRefusedToTheSender_atTheCapIsQueued() {
        TestSession alice = inboxSender();
        for (int i = 0; i < Store.INBOX_CAP; i++) {
            alice.send(whisper(i % 2 == 0 ? BOB_AGENT : SessionPath.ofUser("bob"), "n" + i));
            queuedId(alice.nextAck());
        }

        alice.send(whisper(BOB_AGENT, "one too many"));

        alice.nextError("unauthorized: inbox full: `bob` has " + Store.INBOX_CAP
                + " queued whispers, the most this server allows; retry once some are delivered");
        TestSession bob = server.login(bobKey, "agent");
        assertThat(negotiate(bob)).hasSize(Store.INBOX_CAP);
        assertThat(alice.drain()).hasSize(Store.INBOX_CAP).allMatch(Frame.Receipt.class::isInstance);
    }

    @Test
    void queuedWhisper_olderThanRetention_isNotDelivered() {
        TestSession alice = inboxSender();
        alice.send(whisper(BOB_AGENT, "stale"));
        queuedId(alice.nextAck());
        server.clock.advance(Store.RETENTION.plusMillis(1));

        TestSession bob = server.login(bobKey, "agent");

        assertThat(negotiate(bob)).isEmpty();
        assertThat(server.store.purgeInboxWhispersOlderThan(server.clock.millis() - Store.RETENTION.toMillis()))
                .isEqualTo(1);
    }

    @Test
    void queuedWhisper_justInsideRetention_isDelivered() {
        TestSession alice = inboxSender();
        alice.send(whisper(BOB_AGENT, "still fresh"));
        queuedId(alice.nextAck());
        server.clock.advance(Store.RETENTION);

        TestSession bob = server.login(bobKey, "agent");

        assertThat(negotiate(bob)).hasSize(1);
    }

    @Test
    void receipts_senderOffline_areDropped_whileDeliveryStillHappens() {
        TestSession alice = inboxSender();
        alice.send(whisper(BOB_AGENT, "bye"));
        long id = queuedId(alice.nextAck());
        alice.disconnect();

        TestSession bob = server.login(bobKey, "agent");
        assertThat(negotiate(bob)).hasSize(1);
        bob.send(new Frame.MarkRead(id));

        bob.nextAck();
    }

    @Test
    void markRead_withoutInbox_isMalformed_foreignOrUnknownId_isNotFound() {
        TestSession alice = inboxSender();
        alice.send(whisper(BOB_AGENT, "mine"));
        long id = queuedId(alice.nextAck());
        TestSession plain = server.register("carol", "c");

        plain.send(new Frame.MarkRead(id));
        plain.nextError("malformed frame: mark_read needs the `inbox` extension; negotiate it with capabilities first");
        alice.send(new Frame.MarkRead(id));
        alice.nextError("not found: whisper `" + id + "` was not delivered to `alice`");
    }

    @Test
    void extensionFramesFromAClient_areUnexpected() {
        TestSession alice = inboxSender();

        alice.send(new Frame.Receipt(1, ReceiptState.READ));

        alice.nextError("malformed frame: unexpected frame from client");
    }
}
