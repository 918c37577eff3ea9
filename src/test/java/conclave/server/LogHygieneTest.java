package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Reference scenario 31: requests are logged with paths and channels, never bodies or tokens. */
class LogHygieneTest {
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;
    private Level previousLevel;
    private ConclaveServer server;

    @BeforeEach
    void start() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
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

        String log = captured.list.stream()
                .map(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
        assertThat(log).contains("session established", "aaron/box/razel", "join", "post", "read_since", "ops");
        assertThat(log).doesNotContain(body).doesNotContain(token);
    }
}
