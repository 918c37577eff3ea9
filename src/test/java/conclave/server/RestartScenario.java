package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.HistoryMessage;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * What a server must keep across a restart on the same store: aaron's and mallory's keys, channel
 * {@code ops} with mallory banned from it, and aaron's post there. Seed one server, restart it,
 * and check the next.
 */
final class RestartScenario {
    private final SigningKey aaron = SigningKey.generate();
    private final SigningKey mallory = SigningKey.generate();

    /** Registers aaron and mallory; aaron creates {@code ops}, bans mallory from it and posts there. */
    void seed(InetSocketAddress server) throws Exception {
        try (WsTestClient a = WsTestClient.register(server, WireEncoding.BINCODE, "aaron", "razel", aaron);
                WsTestClient m = WsTestClient.register(server, WireEncoding.BINCODE, "mallory", "m", mallory)) {
            a.send(new Frame.Admin(new AdminOp.CreateChannel("ops", Visibility.PUBLIC)));
            a.next(Frame.Ack.class);
            a.send(new Frame.Admin(new AdminOp.Ban("ops", "mallory")));
            a.next(Frame.Ack.class);
            a.send(new Frame.Join("ops", Optional.empty()));
            a.next(Frame.Joined.class);
            a.send(new Frame.ChannelMsg("ops", SessionPath.UNSTAMPED, new Payload.Plain("remember me")));
            a.next(Frame.Ack.class);
        }
    }

    /** Checks that both log in again, that {@code ops} holds aaron's post, and that mallory is still banned. */
    void assertKept(InetSocketAddress server) throws Exception {
        try (WsTestClient a = WsTestClient.login(server, WireEncoding.BINCODE, aaron, "razel");
                WsTestClient m = WsTestClient.login(server, WireEncoding.BINCODE, mallory, "m")) {
            a.send(new Frame.Join("ops", Optional.empty()));
            a.next(Frame.Joined.class);
            a.send(new Frame.ReadSince("ops", 0));
            List<HistoryMessage> history = a.next(Frame.History.class).messages();
            assertThat(history).extracting(HistoryMessage::payload).containsExactly(new Payload.Plain("remember me"));
            m.send(new Frame.Join("ops", Optional.empty()));
            assertThat(m.next(Frame.Error.class).error().display()).isEqualTo("unauthorized: channel `ops` is private");
        }
    }
}
