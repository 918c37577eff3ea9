package conclave.server;

import static conclave.server.ChannelScenariosTest.admin;
import static conclave.server.ChannelScenariosTest.join;
import static conclave.server.ChannelScenariosTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.AdminOp;
import conclave.protocol.Bytes;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-session message rate, the body cap and the per-user channel and per-channel invite counts. */
class LimitsTest {
    private static final ServerLimits SMALL = new ServerLimits(
            Optional.of(new RateLimit(20, 60)), 65_536, 50_000, 32, 3, 2);

    @TempDir
    Path dataDir;

    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private TestSession[] twoInLobby(ServerLimits limits) {
        server = new TestServer(dataDir, limits);
        TestSession aaron = server.register("aaron", "razel");
        TestSession bella = server.register("bella", "web");
        aaron.send(admin(new AdminOp.CreateChannel("lobby", Visibility.PUBLIC))).nextAck();
        aaron.send(join("lobby")).next(Frame.Joined.class);
        bella.send(join("lobby")).next(Frame.Joined.class);
        return new TestSession[] {aaron, bella};
    }

    private static int history(TestSession session) {
        session.send(new Frame.ReadSince("lobby", 0));
        return session.next(Frame.History.class).messages().size();
    }

    @Test
    void post_burstOf60_allAcked_the61stIsRateLimited_andNeitherStoredNorDelivered() {
        TestSession[] sessions = twoInLobby(SMALL);
        TestSession aaron = sessions[0];
        TestSession bella = sessions[1];
        for (int i = 0; i < 60; i++) {
            aaron.send(post("lobby", "m" + i)).nextAck();
        }

        aaron.send(post("lobby", "one too many"));

        aaron.nextError("unauthorized: rate limited: retry in 50 ms");
        assertThat(bella.drain()).hasSize(60);
        assertThat(history(aaron)).isEqualTo(60);
        aaron.send(new Frame.Ping()).next(Frame.Pong.class);
    }

    @Test
    void post_afterWaitingTheAdvisedTime_isAcked() {
        TestSession aaron = twoInLobby(SMALL)[0];
        for (int i = 0; i < 60; i++) {
            aaron.send(post("lobby", "m" + i)).nextAck();
        }
        aaron.send(post("lobby", "early"));
        aaron.nextError("unauthorized: rate limited: retry in 50 ms");

        server.clock.advance(Duration.ofMillis(50));

        aaron.send(post("lobby", "on time")).nextAck();
        aaron.send(post("lobby", "too soon again"));
        aaron.nextError("unauthorized: rate limited: retry in 50 ms");
    }

    @Test
    void whisper_sharesTheBucketWithPosts() {
        TestSession[] sessions = twoInLobby(SMALL);
        TestSession aaron = sessions[0];
        for (int i = 0; i < 60; i++) {
            aaron.send(post("lobby", "m" + i)).nextAck();
        }
        sessions[1].drain();

        aaron.send(new Frame.Whisper(SessionPath.UNSTAMPED, sessions[1].path(), new Payload.Plain("psst")));

        aaron.nextError("unauthorized: rate limited: retry in 50 ms");
        sessions[1].assertNothingReceived();
    }

    @Test
    void rateLimitOff_aThousandPostsInAnInstant_allAcked() {
        TestSession aaron = twoInLobby(new ServerLimits(Optional.empty(), 65_536, 50_000, 32, 100, 100))[0];

        for (int i = 0; i < 1000; i++) {
            aaron.send(post("lobby", "m" + i)).nextAck();
        }
    }

    @Test
    void body_ofExactlyTheCap_isAcked_oneByteMore_isRefusedAndNotStored() {
        TestSession aaron = twoInLobby(SMALL)[0];

        aaron.send(post("lobby", "é".repeat(32_768))).nextAck();
        aaron.send(post("lobby", "é".repeat(32_768) + "x"));

        aaron.nextError("malformed frame: message body exceeds 65536 bytes");
        assertThat(history(aaron)).isEqualTo(1);
    }

    @Test
    void body_encryptedOverTheConfiguredCap_isRefusedForPostsAndWhispers() {
        ServerLimits tiny = new ServerLimits(Optional.of(new RateLimit(20, 60)), 16, 50_000, 32, 100, 100);
        TestSession[] sessions = twoInLobby(tiny);
        Payload seventeen = new Payload.Encrypted(Bytes.of(new byte[17]), Optional.empty());

        sessions[0].send(new Frame.ChannelMsg("lobby", SessionPath.UNSTAMPED, seventeen));
        sessions[0].nextError("malformed frame: message body exceeds 16 bytes");
        sessions[0].send(new Frame.Whisper(SessionPath.UNSTAMPED, sessions[1].path(), seventeen));
        sessions[0].nextError("malformed frame: message body exceeds 16 bytes");

        sessions[1].assertNothingReceived();
    }

    @Test
    void createChannel_beyondTheUsersLimit_isRefused_untilOneIsDeleted() {
        server = new TestServer(dataDir, SMALL);
        TestSession aaron = server.register("aaron", "razel");
        for (String name : new String[] {"a", "b", "c"}) {
            aaron.send(admin(new AdminOp.CreateChannel(name, Visibility.PRIVATE))).nextAck();
        }

        aaron.send(admin(new AdminOp.CreateChannel("d", Visibility.PRIVATE)));
        aaron.nextError("unauthorized: channel limit reached: `aaron` has created 3 channels,"
                + " the most this server allows; delete one first");
        TestSession bella = server.register("bella", "web");
        bella.send(admin(new AdminOp.CreateChannel("d", Visibility.PRIVATE))).nextAck();

        aaron.send(admin(new AdminOp.DeleteChannel("a"))).nextAck();
        aaron.send(admin(new AdminOp.CreateChannel("e", Visibility.PRIVATE))).nextAck();
    }

    @Test
    void inviteCreate_beyondTheChannelsLimit_isRefused_expiredAndUsedUpOnesDoNotCount() {
        server = new TestServer(dataDir, SMALL);
        TestSession aaron = server.register("aaron", "razel");
        aaron.send(admin(new AdminOp.CreateChannel("ops", Visibility.PRIVATE))).nextAck();
        aaron.send(admin(new AdminOp.InviteCreate("ops", Optional.of(1L), Optional.empty())));
        String singleUse = aaron.next(Frame.InviteToken.class).token();
        aaron.send(admin(new AdminOp.InviteCreate("ops", Optional.empty(), Optional.of(60L))));
        aaron.next(Frame.InviteToken.class);

        aaron.send(admin(new AdminOp.InviteCreate("ops", Optional.empty(), Optional.empty())));
        aaron.nextError("unauthorized: invite limit reached: channel `ops` has 2 outstanding invites,"
                + " the most this server allows; revoke one first");

        server.clock.advance(Duration.ofSeconds(61));
        aaron.send(admin(new AdminOp.InviteCreate("ops", Optional.empty(), Optional.empty())));
        aaron.next(Frame.InviteToken.class);
        aaron.send(admin(new AdminOp.InviteCreate("ops", Optional.empty(), Optional.empty())));
        aaron.nextError("unauthorized: invite limit reached: channel `ops` has 2 outstanding invites,"
                + " the most this server allows; revoke one first");
        TestSession bella = server.register("bella", "web");
        bella.send(new Frame.Join("ops", Optional.of(singleUse))).next(Frame.Joined.class);
        aaron.send(admin(new AdminOp.InviteCreate("ops", Optional.empty(), Optional.empty())));
        aaron.next(Frame.InviteToken.class);
    }
}
