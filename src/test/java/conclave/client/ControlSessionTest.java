package conclave.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.ChannelInfo;
import conclave.protocol.Frame;
import conclave.protocol.FrameKind;
import conclave.protocol.ProtocolError;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import conclave.server.ConclaveServer;
import conclave.server.ServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one-shot control exchange against a real server on an ephemeral port. */
class ControlSessionTest {
    private static ConclaveServer server;
    private static ServerUrl url;
    private static int users;

    @BeforeAll
    static void startServer() {
        server = ConclaveServer.start(
                new ServerOptions(new InetSocketAddress("127.0.0.1", 0), Optional.empty(), List.of("root")));
        url = ServerUrl.parse("ws://127.0.0.1:" + server.address().getPort() + "/");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** A freshly registered identity with a unique username. */
    private static ControlOptions registered(WireEncoding encoding) {
        SigningKey key = SigningKey.generate();
        ControlOptions options = ControlOptions.of(url, key).withEncoding(encoding);
        try (ControlSession session = ControlSession.register(options, "user" + (++users), "box")) {
            assertThat(session.path().session()).isEqualTo(options.handle());
        }
        return options;
    }

    @Test
    void register_newUser_establishesUnderCliPidHandle() {
        ControlOptions options = ControlOptions.of(url, SigningKey.generate());

        try (ControlSession session = ControlSession.register(options, "fresh", "laptop")) {
            assertThat(session.path())
                    .isEqualTo(new SessionPath("fresh", "laptop", "cli-" + ProcessHandle.current().pid()));
            assertThat(session.admin()).isFalse();
        }
    }

    @Test
    void register_allowlistedAdmin_reportsAdmin() {
        try (ControlSession session = ControlSession.register(ControlOptions.of(url, SigningKey.generate()), "root", "box")) {
            assertThat(session.admin()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(WireEncoding.class)
    void exchange_createThenList_answersAckThenChannelList(WireEncoding encoding) {
        ControlOptions options = registered(encoding);
        String channel = "ops-" + encoding.name().toLowerCase();

        Frame.Ack ack = ControlSession.exchange(options,
                new Frame.Admin(new AdminOp.CreateChannel(channel, Visibility.PUBLIC)), Frame.Ack.class);
        Frame.ChannelList list = ControlSession.exchange(options, new Frame.ListChannels(), Frame.ChannelList.class);

        assertThat(ack.detail()).contains(channel);
        assertThat(list.channels()).contains(new ChannelInfo(channel, Visibility.PUBLIC, true));
    }

    @Test
    void request_severalOnOneSession_eachGetsItsOwnReply() {
        try (ControlSession session = ControlSession.login(registered(WireEncoding.BINCODE))) {
            Frame first = session.request(new Frame.Leave("a"));
            Frame second = session.request(new Frame.Ping());
            Frame third = session.request(new Frame.Leave("b"));

            assertThat(first).isEqualTo(new Frame.Ack(Optional.of("a")));
            assertThat(second).isEqualTo(new Frame.Pong());
            assertThat(third).isEqualTo(new Frame.Ack(Optional.of("b")));
        }
    }

    @ParameterizedTest
    @EnumSource(WireEncoding.class)
    void request_errorReply_throwsWithItsDisplayText(WireEncoding encoding) {
        ControlOptions options = registered(encoding);

        assertThatThrownBy(() -> ControlSession.exchange(options, new Frame.Join("nowhere", Optional.empty())))
                .isInstanceOf(ErrorReplyException.class)
                .hasMessage("not found: channel `nowhere` not found")
                .satisfies(thrown -> assertThat(((ErrorReplyException) thrown).error())
                        .isEqualTo(new ProtocolError.NotFound("channel `nowhere` not found")));
    }

    @Test
    void request_replyOfAnotherKind_isUnexpectedResponse() {
        ControlOptions options = registered(WireEncoding.BINCODE);

        assertThatThrownBy(() -> ControlSession.exchange(options, new Frame.ListChannels(), Frame.Ack.class))
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessage("unexpected response: channel_list")
                .satisfies(thrown -> assertThat(((UnexpectedReplyException) thrown).kind())
                        .isEqualTo(FrameKind.CHANNEL_LIST));
    }

    @Test
    void serverId_fromTheUpgradeResponse_isTheServers() {
        try (ControlSession session = ControlSession.login(registered(WireEncoding.JSON))) {
            assertThat(session.serverId()).contains(server.serverId());
        }
    }

    @Test
    void login_unknownKey_isAuthenticationRejected() {
        ControlOptions stranger = ControlOptions.of(url, SigningKey.generate());

        assertThatThrownBy(() -> ControlSession.login(stranger))
                .isInstanceOf(HandshakeRejectedException.class)
                .hasMessage("authentication rejected: unauthorized: unknown machine key");
    }

    @Test
    void login_invalidHandle_isRejectedBeforeTheChallenge() {
        ControlOptions options = registered(WireEncoding.BINCODE).withHandle("a/b");

        assertThatThrownBy(() -> ControlSession.login(options))
                .isInstanceOf(HandshakeRejectedException.class)
                .hasMessage("authentication rejected: malformed frame: invalid session handle: `a/b`");
    }

    @Test
    void register_takenUsername_isRegistrationRejected() {
        ControlSession.register(ControlOptions.of(url, SigningKey.generate()), "taken", "box").close();

        assertThatThrownBy(() -> ControlSession.register(ControlOptions.of(url, SigningKey.generate()), "taken", "box"))
                .isInstanceOf(HandshakeRejectedException.class)
                .hasMessage("registration rejected: unauthorized: username `taken` is already taken");
    }

    @Test
    void login_closedPort_isFailedToConnect() throws IOException {
        ServerUrl closed = ServerUrl.parse("ws://127.0.0.1:" + closedPort() + "/");

        assertThatThrownBy(() -> ControlSession.login(ControlOptions.of(closed, SigningKey.generate())))
                .isInstanceOf(DialException.class)
                .hasMessage("failed to connect to `" + closed + "`: connection refused")
                .hasNoCause();
    }

    @Test
    void login_unknownHost_isFailedToConnect() {
        ServerUrl nowhere = ServerUrl.parse("ws://no-such-host.invalid:4390");

        assertThatThrownBy(() -> ControlSession.login(ControlOptions.of(nowhere, SigningKey.generate())))
                .isInstanceOf(DialException.class)
                .hasMessage("failed to connect to `ws://no-such-host.invalid:4390`: unknown host `no-such-host.invalid`");
    }

    @Test
    void login_listenerThatNeverAnswers_timesOutConnecting() throws IOException {
        // Never accepted, yet the kernel completes the TCP handshake: the upgrade goes unanswered.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ServerUrl quiet = ServerUrl.parse("ws://127.0.0.1:" + silent.getLocalPort() + "/");
            ControlOptions options = ControlOptions.of(quiet, SigningKey.generate())
                    .withConnectTimeout(Duration.ofMillis(700));

            assertThatThrownBy(() -> ControlSession.login(options))
                    .isInstanceOf(DialException.class)
                    .hasMessage("timed out after 700ms connecting to `" + quiet + "`");
        }
    }

    @Test
    void login_httpServerThatIsNotConclave_isFailedToConnect() {
        ServerUrl health = ServerUrl.parse("ws://127.0.0.1:" + server.address().getPort() + "/health");

        assertThatThrownBy(() -> ControlSession.login(ControlOptions.of(health, SigningKey.generate())))
                .isInstanceOf(DialException.class)
                .hasMessageStartingWith("failed to connect to `" + health + "`: the server answered `");
    }

    @Test
    void login_wssToAPlainServer_failsTheTlsHandshake() {
        ServerUrl tls = ServerUrl.parse("wss://127.0.0.1:" + server.address().getPort() + "/");

        assertThatThrownBy(() -> ControlSession.login(ControlOptions.of(tls, SigningKey.generate())))
                .isInstanceOf(DialException.class)
                .hasMessage("failed to connect to `" + tls + "`: TLS handshake failed:"
                        + " the server did not answer in TLS (a plain ws:// server?)");
    }

    @Test
    void request_serverStopsAnswering_timesOutWaitingForAResponse() throws Exception {
        try (ScriptedServer scripted = ScriptedServer.start()) {
            ControlOptions options = ControlOptions.of(scripted.url(), SigningKey.generate())
                    .withReplyTimeout(Duration.ofMillis(300));

            try (ControlSession session = ControlSession.login(options)) {
                assertThatThrownBy(() -> session.request(new Frame.ListChannels()))
                        .isInstanceOf(ReplyTimeoutException.class)
                        .hasMessage("timed out after 300ms waiting for a server response");
            }
        }
    }

    @Test
    void request_connectionDropped_isClosedBeforeAResponse() throws Exception {
        try (ScriptedServer scripted = ScriptedServer.start();
                ControlSession session = ControlSession.login(ControlOptions.of(scripted.url(), SigningKey.generate()))) {
            Thread dropper = new Thread(() -> {
                try {
                    scripted.next(Frame.ListChannels.class).peer().drop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            dropper.start();

            assertThatThrownBy(() -> session.request(new Frame.ListChannels()))
                    .isInstanceOf(ConnectionLostException.class)
                    .hasMessage("connection closed before a response arrived");
            dropper.join();
        }
    }

    @Test
    void request_pushedTrafficAndPongsBeforeTheReply_areSkipped() throws Exception {
        try (ScriptedServer scripted = ScriptedServer.start();
                ControlSession session = ControlSession.login(ControlOptions.of(scripted.url(), SigningKey.generate()))) {
            Thread answerer = new Thread(() -> {
                try {
                    ScriptedServer.Peer peer = scripted.next(Frame.Leave.class).peer();
                    peer.send(new Frame.ServerInfo(true));
                    peer.send(new Frame.Pong());
                    peer.send(new Frame.ChannelMsg("c", new SessionPath("a", "b", "c"),
                            new conclave.protocol.Payload.Plain("hi")));
                    peer.reply(new Frame.Ack(Optional.of("x")));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            answerer.start();

            assertThat(session.request(new Frame.Leave("x"))).isEqualTo(new Frame.Ack(Optional.of("x")));
            answerer.join();
            assertThat(session.admin()).isTrue();
        }
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
