package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.Bytes;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.ProtocolError;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole server over real WebSockets on an ephemeral port, in both encodings. */
class ServerWebSocketTest {
    private ConclaveServer server;

    @BeforeEach
    void start() {
        server = ConclaveServer.start(
                new ServerOptions(new InetSocketAddress("127.0.0.1", 0), Optional.empty(), List.of()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void jsonAndBincodeClients_inOneChannel_seeEachOther() throws Exception {
        try (WsTestClient rust = WsTestClient.register(server.address(), WireEncoding.BINCODE, "aaron", "razel");
                WsTestClient json = WsTestClient.register(server.address(), WireEncoding.JSON, "bella", "web")) {
            rust.send(new Frame.Admin(new AdminOp.CreateChannel("lobby", Visibility.PUBLIC)));
            rust.next(Frame.Ack.class);
            rust.send(new Frame.Join("lobby", Optional.empty()));
            rust.next(Frame.Joined.class);
            json.send(new Frame.Join("lobby", Optional.empty()));
            json.next(Frame.Joined.class);

            json.send(new Frame.ChannelMsg("lobby", SessionPath.UNSTAMPED, new Payload.Plain("hi from json")));
            json.next(Frame.Ack.class);
            Frame.ChannelMsg atRust = rust.next(Frame.ChannelMsg.class);
            rust.send(new Frame.ChannelMsg("lobby", SessionPath.UNSTAMPED, new Payload.Plain("hi from bincode")));
            rust.next(Frame.Ack.class);
            Frame.ChannelMsg atJson = json.next(Frame.ChannelMsg.class);

            assertThat(atRust.from()).isEqualTo(new SessionPath("bella", "box", "web"));
            assertThat(atRust.payload()).isEqualTo(new Payload.Plain("hi from json"));
            assertThat(atJson.from()).isEqualTo(new SessionPath("aaron", "box", "razel"));
            assertThat(atJson.payload()).isEqualTo(new Payload.Plain("hi from bincode"));
        }
    }

    @Test
    void jsonSession_likeTheProtocolDocument() throws Exception {
        try (WsTestClient client = WsTestClient.connect(server.address(), WireEncoding.JSON)) {
            client.sendText("{\"type\":\"hello\",\"protocol_version\":1,\"session\":\"razel\",\"extra\":true}");

            assertThat(client.next()).isInstanceOf(Frame.Challenge.class);
        }
    }

    @Test
    void oversizedMessage_closesTheConnection() throws Exception {
        try (WsTestClient client = WsTestClient.register(server.address(), WireEncoding.BINCODE, "aaron", "razel")) {
            try {
                client.sendBinary(new byte[WebSocketUpgrade.MAX_MESSAGE_BYTES + 1]);
            } catch (ExecutionException cutMidSend) {
                // The server may drop the connection before the client finishes writing.
            }

            client.awaitClosed();
        }
    }

    @Test
    void undecodableBinary_closesSilently() throws Exception {
        try (WsTestClient client = WsTestClient.connect(server.address(), WireEncoding.BINCODE)) {
            client.sendBinary(new byte[] {(byte) 0xff, 0x01});

            assertThat(client.nextEvent()).isInstanceOf(WsTestClient.Closed.class);
        }
    }

    @Test
    void otherOpcodeAfterTheFirstMessage_closesTheConnection() throws Exception {
        try (WsTestClient client = WsTestClient.register(server.address(), WireEncoding.BINCODE, "aaron", "razel")) {
            client.sendText("{\"type\":\"ping\"}");

            assertThat(client.nextEvent()).isInstanceOf(WsTestClient.Closed.class);
        }
    }

    @Test
    void invalidJson_beforeEstablished_errorsAndCloses() throws Exception {
        try (WsTestClient client = WsTestClient.connect(server.address(), WireEncoding.JSON)) {
            client.sendText("{\"type\":\"hello\",\"protocol_version\":1}");

            ProtocolError error = client.next(Frame.Error.class).error();
            assertThat(error).isInstanceOf(ProtocolError.MalformedFrame.class);
            assertThat(error.display()).contains("session");
            client.awaitClosed();
        }
    }

    @Test
    void invalidJson_afterEstablished_errorsAndStaysUp() throws Exception {
        try (WsTestClient client = WsTestClient.register(server.address(), WireEncoding.JSON, "aaron", "razel")) {
            client.sendText("{\"type\":\"admin\",\"op\":\"create_channel\",\"name\":\"x\",\"visibility\":\"secret\"}");
            assertThat(client.next(Frame.Error.class).error()).isInstanceOf(ProtocolError.MalformedFrame.class);

            client.send(new Frame.Ping());
            client.next(Frame.Pong.class);
        }
    }

    @Test
    void pipelinedRequests_getOneReplyEachInOrder() throws Exception {
        try (WsTestClient client = WsTestClient.register(server.address(), WireEncoding.BINCODE, "aaron", "razel")) {
            for (int i = 0; i < 50; i++) {
                client.send(new Frame.Ping());
                client.send(new Frame.Leave("c" + i));
            }

            for (int i = 0; i < 50; i++) {
                client.next(Frame.Pong.class);
                assertThat(client.next(Frame.Ack.class).detail()).contains("c" + i);
            }
        }
    }

    @Test
    void machineRemove_overRealSockets_acksThenDropsTheConnection() throws Exception {
        try (WsTestClient first = WsTestClient.register(server.address(), WireEncoding.BINCODE, "aaron", "razel")) {
            first.send(new Frame.Admin(new AdminOp.MachineRemove("box")));
            first.next(Frame.Ack.class);

            Frame.Error error = first.next(Frame.Error.class);
            assertThat(error.error().display()).isEqualTo("unauthorized: machine key revoked");
            first.awaitClosed();
        }
    }

    /** Regression: a kill during a pipelined frame must still let that frame's reply go first. */
    @Test
    void pipelinedMachineRemove_acksBeforeTerminating_andLaterFramesGoUnanswered() throws Exception {
        for (int round = 0; round < 20; round++) {
            SigningKey key = SigningKey.generate();
            try (WsTestClient client = WsTestClient.connect(server.address(), WireEncoding.BINCODE)) {
                client.send(new Frame.Hello(1, "s"));
                byte[] nonce = client.next(Frame.Challenge.class).nonce().toByteArray();
                client.send(new Frame.Register("u" + round, "box", Bytes.of(key.publicKey().bytes())));
                client.send(new Frame.Auth(Bytes.of(key.publicKey().bytes()), Bytes.of(key.sign(nonce).bytes())));
                client.send(new Frame.Admin(new AdminOp.MachineRemove("box")));
                client.send(new Frame.Ping());

                client.next(Frame.Established.class);
                client.next(Frame.ServerInfo.class);
                assertThat(client.next(Frame.Ack.class).detail()).contains("box");
                assertThat(client.next(Frame.Error.class).error().display()).isEqualTo("unauthorized: machine key revoked");
                client.awaitClosed();
            }
        }
    }

    @Test
    void shutdown_sendsGoingAwayCloseToEverySession() throws Exception {
        try (WsTestClient client = WsTestClient.register(server.address(), WireEncoding.BINCODE, "aaron", "razel")) {
            server.close();

            assertThat(client.awaitClosed()).isEqualTo(1001);
        }
    }

    @Test
    void shutdownUnderLoad_deliversEveryAckedPostToTheOtherSubscribersBeforeTheirClose() throws Exception {
        int posters = 8;
        int postsEach = 50;
        List<WsTestClient> clients = new ArrayList<>();
        try {
            WsTestClient listener = WsTestClient.register(server.address(), WireEncoding.BINCODE, "lina", "listen");
            clients.add(listener);
            listener.send(new Frame.Admin(new AdminOp.CreateChannel("lobby", Visibility.PUBLIC)));
            listener.next(Frame.Ack.class);
            listener.send(new Frame.Join("lobby", Optional.empty()));
            listener.next(Frame.Joined.class);
            for (int i = 0; i < posters; i++) {
                WsTestClient poster = WsTestClient.register(server.address(), WireEncoding.BINCODE, "poster" + i, "p");
                clients.add(poster);
                poster.send(new Frame.Join("lobby", Optional.empty()));
                poster.next(Frame.Joined.class);
            }
            // every poster pipelines its posts, and the server drains while they are in flight
            for (int n = 0; n < postsEach; n++) {
                for (int i = 1; i <= posters; i++) {
                    clients.get(i).send(new Frame.ChannelMsg("lobby", SessionPath.UNSTAMPED, new Payload.Plain(i + "-" + n)));
                }
            }
            server.close();

            List<String> acked = new ArrayList<>();
            for (int i = 1; i <= posters; i++) {
                // one reply (an ack, or an error such as the rate limit's) per request, in order,
                // among the other posters' messages
                List<Frame> replies = clients.get(i).framesUntilClosed().stream()
                        .filter(frame -> frame instanceof Frame.Ack || frame instanceof Frame.Error)
                        .toList();
                for (int n = 0; n < replies.size(); n++) {
                    if (replies.get(n) instanceof Frame.Ack) {
                        acked.add(i + "-" + n);
                    }
                }
            }
            List<String> delivered = listener.framesUntilClosed().stream()
                    .filter(Frame.ChannelMsg.class::isInstance)
                    .map(frame -> ((Payload.Plain) ((Frame.ChannelMsg) frame).payload()).body())
                    .toList();
            assertThat(acked).as("posts acked before the drain's Close").isNotEmpty();
            assertThat(delivered).as("posts the listener got before its Close").containsAll(acked);
        } finally {
            clients.forEach(WsTestClient::close);
        }
    }

    @Test
    void whisperToOtherEncoding_arrives() throws Exception {
        try (WsTestClient a = WsTestClient.register(server.address(), WireEncoding.BINCODE, "aaron", "razel");
                WsTestClient b = WsTestClient.register(server.address(), WireEncoding.JSON, "bella", "web")) {
            a.send(new Frame.Whisper(SessionPath.UNSTAMPED, new SessionPath("bella", "box", "web"),
                    new Payload.Plain("psst")));
            a.next(Frame.Ack.class);

            Frame.Whisper whisper = b.next(Frame.Whisper.class);
            assertThat(whisper.from()).isEqualTo(new SessionPath("aaron", "box", "razel"));
            assertThat(a.silentFor(Duration.ofMillis(200))).isTrue();
        }
    }
}
