package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.Bytes;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Reference scenario 31 and the secret scan: requests are logged with paths and channels, never
 * bodies, tokens, keys or signatures, at any level.
 */
class LogHygieneTest {
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;
    private Level previousLevel;
    private ConclaveServer server;

    @BeforeEach
    void start() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        captured.start();
        root.addAppender(captured);
        server = ConclaveServer.start(
                new ServerOptions(new InetSocketAddress("127.0.0.1", 0), Optional.empty(), List.of()));
    }

    @AfterEach
    void stop() {
        server.close();
        root.detachAppender(captured);
        root.setLevel(previousLevel);
    }

    @Test
    void joinPostReadAndInvite_logPathAndChannel_butNeverBodyOrToken() throws Exception {
        String body = "secret-body-" + UUID.randomUUID();
        String token;
        try (WsTestClient client = WsTestClient.register(server.address(), WireEncoding.BINCODE, "aaron", "razel")) {
            client.send(new Frame.Admin(new AdminOp.CreateChannel("ops", Visibility.PRIVATE)));
            client.next(Frame.Ack.class);
            client.send(new Frame.Admin(new AdminOp.InviteCreate("ops", Optional.of(1L), Optional.empty())));
            token = client.next(Frame.InviteToken.class).token();
            client.send(new Frame.Join("ops", Optional.of(token)));
            client.next(Frame.Joined.class);
            client.send(new Frame.ChannelMsg("ops", SessionPath.UNSTAMPED, new Payload.Plain(body)));
            client.next(Frame.Ack.class);
            client.send(new Frame.ReadSince("ops", 0));
            client.next(Frame.History.class);
            client.send(new Frame.Admin(new AdminOp.InviteRevoke(token)));
            client.next(Frame.Ack.class);
        }
        server.close();

        String log = capturedLog();
        assertThat(log).contains("session established", "aaron/box/razel", "join", "post", "read_since", "ops");
        assertThat(log).doesNotContain(body).doesNotContain(token);
    }

    /**
     * Planted secrets in every place a client can put one: plain and encrypted bodies of posts and
     * whispers (accepted and refused), key ids, invite tokens, public keys and signatures of a
     * registration, a machine add, a login and a failed login. None may reach the log, in any of
     * the forms a careless log line would print them.
     */
    @Test
    void plantedBodiesTokensKeysAndSignatures_neverAppearInTheLog() throws Exception {
        String unique = UUID.randomUUID().toString();
        String body = "body-" + unique;
        String whisper = "whisper-" + unique;
        String refusedBody = "refused-" + unique + "x".repeat(70_000);
        String keyId = "key-id-" + unique;
        byte[] ciphertext = new byte[48];
        new SecureRandom().nextBytes(ciphertext);
        SigningKey aaronKey = SigningKey.generate();
        SigningKey laptopKey = SigningKey.generate();
        List<byte[]> secrets = new ArrayList<>(List.of(
                ciphertext, aaronKey.publicKey().bytes(), laptopKey.publicKey().bytes()));
        String token;
        try (WsTestClient aaron = handshake(WireEncoding.BINCODE, "razel", aaronKey, Optional.of("aaron"), secrets);
                WsTestClient bella = WsTestClient.register(server.address(), WireEncoding.JSON, "bella", "web")) {
            token = aaron.sharePrivateChannel("ops", bella);
            aaron.send(new Frame.ChannelMsg("ops", SessionPath.UNSTAMPED, new Payload.Plain(body)));
            aaron.next(Frame.Ack.class);
            aaron.send(new Frame.ChannelMsg("ops", SessionPath.UNSTAMPED,
                    new Payload.Encrypted(Bytes.of(ciphertext), Optional.of(keyId))));
            aaron.next(Frame.Ack.class);
            aaron.send(new Frame.ChannelMsg("ops", SessionPath.UNSTAMPED, new Payload.Plain(refusedBody)));
            aaron.next(Frame.Error.class);
            aaron.send(new Frame.Whisper(SessionPath.UNSTAMPED, new SessionPath("bella", "box", "web"),
                    new Payload.Plain(whisper)));
            aaron.next(Frame.Ack.class);
            aaron.send(new Frame.Admin(new AdminOp.MachineAdd("laptop", Bytes.of(laptopKey.publicKey().bytes()))));
            aaron.next(Frame.Ack.class);
            try (WsTestClient laptop = handshake(WireEncoding.JSON, "lap", laptopKey, Optional.empty(), secrets)) {
                laptop.send(new Frame.Admin(new AdminOp.InviteRevoke(token)));
                laptop.next(Frame.Ack.class);
            }
            try (WsTestClient impostor = WsTestClient.connect(server.address(), WireEncoding.BINCODE)) {
                impostor.send(new Frame.Hello(1, "fake"));
                impostor.next(Frame.Challenge.class);
                byte[] forged = SigningKey.generate().sign(new byte[32]).bytes();
                secrets.add(forged);
                impostor.send(new Frame.Auth(Bytes.of(aaronKey.publicKey().bytes()), Bytes.of(forged)));
                impostor.next(Frame.Error.class);
            }
        }
        server.close();

        String log = capturedLog();
        assertThat(log).contains("session established", "error frame emitted");
        assertThat(log).doesNotContain(unique).doesNotContain(token);
        for (byte[] secret : secrets) {
            assertThat(log)
                    .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
                    .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(secret))
                    .doesNotContain(HexFormat.of().formatHex(secret))
                    .doesNotContain(Arrays.toString(secret));
        }
    }

    /**
     * Hello, Challenge, [Register,] Auth with {@code key}; the signature joins {@code secrets}.
     * Registers {@code user} if given, else logs in as an enrolled machine.
     */
    private WsTestClient handshake(
            WireEncoding encoding, String handle, SigningKey key, Optional<String> user, List<byte[]> secrets)
            throws Exception {
        WsTestClient client = WsTestClient.connect(server.address(), encoding);
        client.send(new Frame.Hello(1, handle));
        byte[] nonce = client.next(Frame.Challenge.class).nonce().toByteArray();
        if (user.isPresent()) {
            client.send(new Frame.Register(user.get(), "box", Bytes.of(key.publicKey().bytes())));
        }
        byte[] signature = key.sign(nonce).bytes();
        secrets.add(signature);
        client.send(new Frame.Auth(Bytes.of(key.publicKey().bytes()), Bytes.of(signature)));
        client.next(Frame.Established.class);
        client.next(Frame.ServerInfo.class);
        return client;
    }

    private String capturedLog() {
        return captured.list.stream()
                .map(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
    }
}
