package conclave.client;

import static conclave.client.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.ProtocolError;
import conclave.protocol.ReceiptState;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import conclave.server.ConclaveServer;
import conclave.server.ServerOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A link against a real server on an ephemeral port: up, requests, pushes, restart. */
class LinkTest {
    @TempDir
    Path dataDir;

    private ConclaveServer server;
    private ServerUrl url;
    private ClientTransport transport;
    private final List<Link> links = new ArrayList<>();

    @BeforeEach
    void start() {
        server = ConclaveServer.start(new ServerOptions(
                new InetSocketAddress("127.0.0.1", 0), Optional.of(dataDir), List.of("root")));
        url = ServerUrl.parse("ws://127.0.0.1:" + server.address().getPort() + "/");
        transport = ClientTransport.start();
    }

    @AfterEach
    void stop() {
        links.forEach(Link::close);
        transport.close();
        server.close();
    }

    private SigningKey register(String username) {
        SigningKey key = SigningKey.generate();
        ControlSession.register(ControlOptions.of(url, key), username, "box").close();
        return key;
    }

    private Link open(LinkOptions options, LinkRecorder recorder) {
        Link link = Link.open(transport, options.withRandom(() -> 0), recorder);
        links.add(link);
        return link;
    }

    private static Frame reply(CompletableFuture<Frame> future) throws Exception {
        return future.get(Awaits.LIMIT.toSeconds(), TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(WireEncoding.class)
    void open_enrolledKey_comesUpWithPathRoleAndServerId(WireEncoding encoding) throws Exception {
        SigningKey key = register("root");
        LinkRecorder recorder = new LinkRecorder();

        Link link = open(LinkOptions.of(url, key, () -> "bridge").withEncoding(encoding), recorder);

        LinkEvent.Up up = recorder.next(LinkEvent.Up.class);
        assertThat(up.path()).isEqualTo(new SessionPath("root", "box", "bridge"));
        assertThat(up.admin()).isTrue();
        assertThat(up.serverId()).contains(server.serverId());
        assertThat(link.state()).isEqualTo(Link.State.UP);
        assertThat(recorder.threads()).allSatisfy(thread -> assertThat(thread.getName()).startsWith("conclave-client"));
    }

    @Test
    void openWith_listenerBuiltFromTheLink_canRequestFromItsFirstEvent() throws Exception {
        SigningKey key = register("aaron");
        CompletableFuture<Link> seen = new CompletableFuture<>();
        CompletableFuture<Frame> pong = new CompletableFuture<>();

        Link link = Link.openWith(transport, LinkOptions.of(url, key, () -> "bridge"), opened -> event -> {
            if (event instanceof LinkEvent.Up) {
                seen.complete(opened);
                opened.request(new Frame.Ping()).thenAccept(pong::complete);
            }
        });
        links.add(link);

        assertThat(seen.get(Awaits.LIMIT.toSeconds(), TimeUnit.SECONDS)).isSameAs(link);
        assertThat(reply(pong)).isEqualTo(new Frame.Pong());
    }

    @ParameterizedTest
    @EnumSource(WireEncoding.class)
    void request_manyAtOnce_eachFutureGetsItsOwnReply(WireEncoding encoding) throws Exception {
        LinkRecorder recorder = new LinkRecorder();
        Link link = open(LinkOptions.of(url, register("aaron"), () -> "bridge").withEncoding(encoding), recorder);
        recorder.next(LinkEvent.Up.class);

        List<CompletableFuture<Frame>> leaves = new ArrayList<>();
        List<CompletableFuture<Frame>> pings = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            leaves.add(link.request(new Frame.Leave("c" + i)));
            pings.add(link.request(new Frame.Ping()));
        }

        for (int i = 0; i < 50; i++) {
            assertThat(reply(leaves.get(i))).isEqualTo(new Frame.Ack(Optional.of("c" + i)));
            assertThat(reply(pings.get(i))).isEqualTo(new Frame.Pong());
        }
    }

    @Test
    void request_errorReply_completesWithTheErrorFrame() throws Exception {
        LinkRecorder recorder = new LinkRecorder();
        Link link = open(LinkOptions.of(url, register("aaron"), () -> "bridge"), recorder);
        recorder.next(LinkEvent.Up.class);

        Frame reply = reply(link.request(new Frame.Join("nowhere", Optional.empty())));

        assertThat(reply).isInstanceOf(Frame.Error.class);
        assertThat(((Frame.Error) reply).error().display()).isEqualTo("not found: channel `nowhere` not found");
    }

    @Test
    void pushedMessages_interleavedWithReplies_reachTheListenerWhileRepliesKeepTheirOrder() throws Exception {
        LinkRecorder aaronEvents = new LinkRecorder();
        LinkRecorder bellaEvents = new LinkRecorder();
        Link aaron = open(LinkOptions.of(url, register("aaron"), () -> "razel"), aaronEvents);
        Link bella = open(LinkOptions.of(url, register("bella"), () -> "web").withEncoding(WireEncoding.JSON),
                bellaEvents);
        aaronEvents.next(LinkEvent.Up.class);
        bellaEvents.next(LinkEvent.Up.class);
        reply(aaron.request(new Frame.Admin(new AdminOp.CreateChannel("lobby", Visibility.PUBLIC))));
        assertThat(reply(aaron.request(new Frame.Join("lobby", Optional.empty())))).isEqualTo(new Frame.Joined("lobby"));
        assertThat(reply(bella.request(new Frame.Join("lobby", Optional.empty())))).isEqualTo(new Frame.Joined("lobby"));

        List<CompletableFuture<Frame>> posts = new ArrayList<>();
        List<CompletableFuture<Frame>> leaves = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            posts.add(bella.request(new Frame.ChannelMsg("lobby", SessionPath.UNSTAMPED, new Payload.Plain("m" + i))));
            leaves.add(aaron.request(new Frame.Leave("other" + i)));
        }

        for (int i = 0; i < 30; i++) {
            assertThat(reply(posts.get(i))).isEqualTo(new Frame.Ack(Optional.empty()));
            assertThat(reply(leaves.get(i))).isEqualTo(new Frame.Ack(Optional.of("other" + i)));
        }
        for (int i = 0; i < 30; i++) {
            Frame.ChannelMsg pushed = (Frame.ChannelMsg) aaronEvents.next(LinkEvent.Pushed.class).frame();
            assertThat(pushed.from()).isEqualTo(new SessionPath("bella", "box", "web"));
            assertThat(pushed.payload()).isEqualTo(new Payload.Plain("m" + i));
        }
        aaronEvents.assertExhausted();
    }

    @Test
    void whisper_toALink_isPushedToItsListener() throws Exception {
        LinkRecorder aaronEvents = new LinkRecorder();
        open(LinkOptions.of(url, register("aaron"), () -> "razel"), aaronEvents);
        aaronEvents.next(LinkEvent.Up.class);
        ControlOptions bella = ControlOptions.of(url, register("bella"));

        ControlSession.exchange(bella, new Frame.Whisper(SessionPath.UNSTAMPED,
                new SessionPath("aaron", "box", "razel"), new Payload.Plain("psst")));

        Frame.Whisper whisper = (Frame.Whisper) aaronEvents.next(LinkEvent.Pushed.class).frame();
        assertThat(whisper.payload()).isEqualTo(new Payload.Plain("psst"));
    }

    @ParameterizedTest
    @EnumSource(WireEncoding.class)
    void inboxLinks_whisperToAnOfflineSession_isDeliveredWhenItComesUp_withReceipts(WireEncoding encoding)
            throws Exception {
        LinkRecorder aaronEvents = new LinkRecorder();
        Link aaron = open(LinkOptions.of(url, register("aaron"), () -> "razel").withEncoding(encoding)
                .withFeatures(List.of("inbox")), aaronEvents);
        aaronEvents.next(LinkEvent.Up.class);
        SigningKey bellaKey = register("bella");
        SessionPath bellaPath = new SessionPath("bella", "box", "agent");

        Frame.Ack queued = (Frame.Ack) reply(aaron.request(
                new Frame.Whisper(SessionPath.UNSTAMPED, bellaPath, new Payload.Plain("when you are back"))));
        LinkRecorder bellaEvents = new LinkRecorder();
        open(LinkOptions.of(url, bellaKey, () -> "agent").withEncoding(encoding).withFeatures(List.of("inbox")),
                bellaEvents);

        bellaEvents.next(LinkEvent.Up.class);
        Frame.InboxWhisper delivered = (Frame.InboxWhisper) bellaEvents.next(LinkEvent.Pushed.class).frame();
        assertThat(queued.detail()).contains("queued " + delivered.messageId());
        assertThat(delivered.payload()).isEqualTo(new Payload.Plain("when you are back"));
        assertThat(aaronEvents.next(LinkEvent.Pushed.class).frame())
                .isEqualTo(new Frame.Receipt(delivered.messageId(), ReceiptState.DELIVERED));
    }

    @Test
    void linkWithoutFeatures_whisperToAnOfflineSession_isTheOriginalNotFound() throws Exception {
        LinkRecorder recorder = new LinkRecorder();
        Link aaron = open(LinkOptions.of(url, register("aaron"), () -> "razel"), recorder);
        recorder.next(LinkEvent.Up.class);
        register("bella");

        Frame reply = reply(aaron.request(new Frame.Whisper(SessionPath.UNSTAMPED,
                new SessionPath("bella", "box", "agent"), new Payload.Plain("x"))));

        assertThat(reply).isEqualTo(new Frame.Error(
                new ProtocolError.NotFound("session `bella/box/agent` is not online")));
    }

    @Test
    void serverRestart_sameDataDirAndPort_linkGoesDownThenServesAgain() throws Exception {
        int port = server.address().getPort();
        LinkRecorder recorder = new LinkRecorder();
        Link link = open(LinkOptions.of(url, register("aaron"), () -> "bridge"), recorder);
        String firstId = recorder.next(LinkEvent.Up.class).serverId().orElseThrow();

        server.close();
        LinkEvent.Down down = recorder.next(LinkEvent.Down.class);
        CompletableFuture<Frame> whileDown = link.request(new Frame.ListChannels());
        server = ConclaveServer.start(new ServerOptions(
                new InetSocketAddress("127.0.0.1", port), Optional.of(dataDir), List.of()));
        LinkEvent.Up again = recorder.skipTo(LinkEvent.Up.class);
        Frame afterwards = reply(link.request(new Frame.Leave("x")));

        assertThat(down.reason()).isEqualTo("the server closed the connection (close code 1001)");
        assertThat(whileDown).isCompletedExceptionally();
        assertThat(catchFailure(whileDown))
                .isInstanceOf(ConnectionLostException.class)
                .hasMessage("not connected to `" + url + "`; retry");
        assertThat(again.serverId()).contains(firstId);
        assertThat(afterwards).isEqualTo(new Frame.Ack(Optional.of("x")));
    }

    @Test
    void request_unreachableServer_failsAtOnceAndNoticeComesOnTheThirdFailure() throws Exception {
        ServerUrl closed = ServerUrl.parse("ws://127.0.0.1:" + ControlSessionTest.closedPort() + "/");
        LinkRecorder recorder = new LinkRecorder();
        Link link = open(LinkOptions.of(closed, SigningKey.generate(), () -> "bridge"), recorder);

        LinkEvent.DialFailing failing = recorder.next(LinkEvent.DialFailing.class);
        CompletableFuture<Frame> request = link.request(new Frame.ListChannels());

        assertThat(failing).isEqualTo(new LinkEvent.DialFailing(
                3, "failed to connect to `" + closed + "`: connection refused"));
        assertThat(link.state()).isIn(Link.State.CONNECTING, Link.State.BACKING_OFF);
        assertThat(catchFailure(request)).hasMessage("not connected to `" + closed + "`; retry");
    }

    @Test
    void close_thenRequest_failsAsClosed() throws Exception {
        LinkRecorder recorder = new LinkRecorder();
        Link link = open(LinkOptions.of(url, register("aaron"), () -> "bridge"), recorder);
        recorder.next(LinkEvent.Up.class);

        link.close();
        await().until(() -> link.state() == Link.State.CLOSED);
        CompletableFuture<Frame> request = link.request(new Frame.ListChannels());

        assertThat(catchFailure(request))
                .isInstanceOf(ConnectionLostException.class)
                .hasMessage("link to `" + url + "` is closed");
        recorder.assertExhausted();
    }

    static Throwable catchFailure(CompletableFuture<Frame> future) throws InterruptedException {
        try {
            Frame frame = future.get(Awaits.LIMIT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + frame.kind());
        } catch (ExecutionException failed) {
            return failed.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the future did not complete within " + Awaits.LIMIT, e);
        }
    }

}
