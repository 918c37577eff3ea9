package conclave.client;

import static conclave.client.LinkTest.catchFailure;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.Frame;
import conclave.protocol.ProtocolError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A link against a {@link ScriptedServer} that stalls, refuses or drops on cue. */
class LinkFaultTest {
    private ScriptedServer scripted;
    private ClientTransport transport;
    private final LinkRecorder recorder = new LinkRecorder();
    private final List<Link> links = new ArrayList<>();

    @BeforeEach
    void start() {
        scripted = ScriptedServer.start();
        transport = ClientTransport.start();
    }

    @AfterEach
    void stop() {
        links.forEach(Link::close);
        transport.close();
        scripted.close();
    }

    private LinkOptions options() {
        return LinkOptions.of(scripted.url(), SigningKey.generate(), () -> "bridge").withRandom(() -> 0);
    }

    private Link open(LinkOptions options) {
        Link link = Link.open(transport, options, recorder);
        links.add(link);
        return link;
    }

    @Test
    void keepalive_shortInterval_pingsReachTheServerAndPongsAnswerNoRequest() throws Exception {
        Link link = open(options().withKeepaliveEvery(Duration.ofMillis(150)));
        recorder.next(LinkEvent.Up.class);
        CompletableFuture<Frame> leave = link.request(new Frame.Leave("x"));
        ScriptedServer.Received request = scripted.next(Frame.Leave.class);
        scripted.next(Frame.Ping.class);

        request.peer().reply(new Frame.Ack(Optional.of("x")));
        scripted.next(Frame.Ping.class);
        scripted.next(Frame.Ping.class);

        assertThat(leave.get(Awaits.LIMIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Frame.Ack(Optional.of("x")));
        assertThat(link.state()).isEqualTo(Link.State.UP);
        recorder.assertExhausted();
    }

    @Test
    void keepalive_neverAnswered_endsTheConnectionAfterOneUnansweredPing() throws Exception {
        scripted.answerPings = false;
        open(options().withKeepaliveEvery(Duration.ofMillis(100)));
        recorder.next(LinkEvent.Up.class);

        LinkEvent.Down down = recorder.next(LinkEvent.Down.class);

        assertThat(down.reason()).isEqualTo("no reply to a keepalive ping within 200ms");
        assertThat(scripted.next(Frame.Hello.class).frame()).isInstanceOf(Frame.Hello.class);
        scripted.next(Frame.Auth.class);
        scripted.next(Frame.Ping.class);
        // The next frame is the re-dial's Hello: no second ping was sent while the first was due.
        assertThat(scripted.next().frame()).isInstanceOf(Frame.Hello.class);
    }

    @Test
    void connectionDropped_failsWaitingRequestsThenReconnects() throws Exception {
        Link link = open(options());
        recorder.next(LinkEvent.Up.class);
        CompletableFuture<Frame> first = link.request(new Frame.ListChannels());
        CompletableFuture<Frame> second = link.request(new Frame.Leave("x"));
        ScriptedServer.Peer peer = scripted.next(Frame.ListChannels.class).peer();
        scripted.next(Frame.Leave.class);

        peer.drop();

        LinkEvent.Down down = recorder.next(LinkEvent.Down.class);
        assertThat(down.reason()).isEqualTo("the connection was lost");
        String lost = "connection to `" + scripted.url() + "` lost; retry";
        assertThat(catchFailure(first)).isInstanceOf(ConnectionLostException.class).hasMessage(lost);
        assertThat(catchFailure(second)).isInstanceOf(ConnectionLostException.class).hasMessage(lost);

        recorder.next(LinkEvent.Up.class);
        CompletableFuture<Frame> afterwards = link.request(new Frame.Leave("y"));
        ScriptedServer.Received resent = scripted.next(Frame.Leave.class);
        resent.peer().reply(new Frame.Ack(Optional.of("y")));
        assertThat(resent.frame()).isEqualTo(new Frame.Leave("y")); // nothing from before the drop was re-sent
        assertThat(afterwards.get(Awaits.LIMIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Frame.Ack(Optional.of("y")));
    }

    @Test
    void deadline_passes_failsThatRequestAndItsLateReplyAnswersNobodyElse() throws Exception {
        Link link = open(options());
        recorder.next(LinkEvent.Up.class);
        CompletableFuture<Frame> slow = link.request(new Frame.Leave("slow"), Deadline.after(Duration.ofMillis(200)));
        ScriptedServer.Peer peer = scripted.next(Frame.Leave.class).peer();

        Throwable timedOut = catchFailure(slow);
        CompletableFuture<Frame> next = link.request(new Frame.Leave("next"));
        scripted.next(Frame.Leave.class);
        peer.reply(new Frame.Ack(Optional.of("slow")));
        peer.reply(new Frame.Ack(Optional.of("next")));

        assertThat(timedOut)
                .isInstanceOf(ReplyTimeoutException.class)
                .hasMessage("timed out after 200ms waiting for a response from `" + scripted.url() + "`");
        assertThat(next.get(Awaits.LIMIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Frame.Ack(Optional.of("next")));
    }

    @Test
    void request_beyondMaxPending_isRefusedWithoutSending() throws Exception {
        Link link = open(options().withMaxPending(2));
        recorder.next(LinkEvent.Up.class);
        link.request(new Frame.Leave("a"));
        link.request(new Frame.Leave("b"));

        CompletableFuture<Frame> third = link.request(new Frame.Leave("c"));

        assertThat(catchFailure(third))
                .isInstanceOf(LinkBusyException.class)
                .hasMessage("too many requests waiting for `" + scripted.url() + "` (2); retry");
    }

    @Test
    void authRefusedRepeatedly_noticeOnTheThirdFailureThenOnAChangeOfReason() throws Exception {
        scripted.refuseAuthWith = new Frame.Error(new ProtocolError.Unauthorized("unknown machine key"));
        ServerUrl url = scripted.url();
        open(options());

        LinkEvent.DialFailing third = recorder.next(LinkEvent.DialFailing.class);
        scripted.close();
        LinkEvent.DialFailing changed = recorder.next(LinkEvent.DialFailing.class);

        assertThat(third).isEqualTo(new LinkEvent.DialFailing(
                3, "authentication rejected: unauthorized: unknown machine key"));
        assertThat(changed.reason()).isEqualTo("failed to connect to `" + url + "`: connection refused");
        assertThat(changed.consecutiveFailures()).isGreaterThan(3);
    }

    @Test
    void unsolicitedErrorThenDrop_isReportedAndNamesTheDown() throws Exception {
        open(options());
        recorder.next(LinkEvent.Up.class);
        ScriptedServer.Peer peer = scripted.nextPeer();
        ProtocolError superseded = new ProtocolError.Unauthorized(
                "session superseded by a newer connection for the same session path");

        peer.send(new Frame.Error(superseded));
        peer.drop();

        assertThat(recorder.next(LinkEvent.ServerError.class).error()).isEqualTo(superseded);
        assertThat(recorder.next(LinkEvent.Down.class).reason()).isEqualTo(superseded.display());
    }

    @Test
    void handle_readAgainAtEveryDial() throws Exception {
        AtomicInteger dials = new AtomicInteger();
        open(LinkOptions.of(scripted.url(), SigningKey.generate(), () -> "dir-" + dials.incrementAndGet())
                .withRandom(() -> 0));
        assertThat(recorder.next(LinkEvent.Up.class).path().session()).isEqualTo("dir-1");

        scripted.nextPeer().drop();
        recorder.next(LinkEvent.Down.class);

        assertThat(recorder.next(LinkEvent.Up.class).path().session()).isEqualTo("dir-2");
    }

    @Test
    void down_reportsUptimeFromTheInjectedTicker() throws Exception {
        AtomicLong nanos = new AtomicLong();
        open(options().withTicker(nanos::get));
        recorder.next(LinkEvent.Up.class);
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());

        scripted.nextPeer().drop();

        assertThat(recorder.next(LinkEvent.Down.class).uptime()).isEqualTo(Duration.ofSeconds(31));
    }

    @Test
    void serverIdGate_refuses_closesTheLinkBeforeAnyHandshake() throws Exception {
        Link link = open(options().withServerIdGate(id -> Optional.of("same server as `ws://canonical`")));

        LinkEvent.Refused refused = recorder.next(LinkEvent.Refused.class);

        assertThat(refused).isEqualTo(new LinkEvent.Refused(ScriptedServer.SERVER_ID, "same server as `ws://canonical`"));
        assertThat(link.state()).isEqualTo(Link.State.CLOSED);
        assertThat(recorder.silentFor(Duration.ofMillis(300))).isTrue(); // no re-dial, no further event
        ScriptedServer.Peer peer = scripted.nextPeer();
        Awaits.await().until(() -> !peer.isOpen());
    }

    @Test
    void serverIdGate_throws_countsAsAFailedDialAndKeepsTrying() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        open(options().withServerIdGate(id -> {
            if (checks.incrementAndGet() < 3) {
                throw new IllegalStateException("claims map unavailable");
            }
            return Optional.empty();
        }));

        recorder.next(LinkEvent.Up.class);

        assertThat(checks).hasValue(3);
    }

    @Test
    void close_withRequestsWaiting_failsThemAsClosed() throws Exception {
        Link link = open(options());
        recorder.next(LinkEvent.Up.class);
        CompletableFuture<Frame> waiting = link.request(new Frame.ListChannels());
        scripted.next(Frame.ListChannels.class);

        link.close();

        assertThat(catchFailure(waiting)).hasMessage("link to `" + scripted.url() + "` is closed");
        recorder.assertExhausted();
    }
}
