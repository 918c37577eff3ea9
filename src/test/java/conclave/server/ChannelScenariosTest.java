package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.ChannelInfo;
import conclave.protocol.Frame;
import conclave.protocol.HistoryMessage;
import conclave.protocol.Payload;
import conclave.protocol.ProtocolError;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channels, presence, messaging and history, transport-free: reference scenarios 14–30 and 32. */
class ChannelScenariosTest {
    @TempDir
    Path dataDir;

    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(dataDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Frame admin(AdminOp op) {
        return new Frame.Admin(op);
    }

    static Frame join(String channel) {
        return new Frame.Join(channel, Optional.empty());
    }

    static Frame post(String channel, String body) {
        return new Frame.ChannelMsg(channel, SessionPath.UNSTAMPED, new Payload.Plain(body));
    }

    private void create(TestSession owner, String channel, Visibility visibility) {
        owner.send(admin(new AdminOp.CreateChannel(channel, visibility)));
        assertThat(owner.nextAck().detail()).contains(channel);
    }

    private void joined(TestSession session, String channel) {
        session.send(join(channel));
        assertThat(session.next(Frame.Joined.class).channel()).isEqualTo(channel);
    }

    @Test
    void who_privateChannelAsNonMember_andAbsentChannel_areTheSameNotFound() {
        TestSession aaron = server.register("aaron", "razel");
        TestSession david = server.register("david", "m");
        create(aaron, "ops", Visibility.PRIVATE);

        david.send(new Frame.Who(Optional.of("ops")));
        david.nextError("not found: channel `ops` not found");
        david.send(new Frame.Who(Optional.of("ghost")));
        david.nextError("not found: channel `ghost` not found");
    }

    @Test
    void who_publicChannelParticipantWithoutAclRow_seesItself() {
        TestSession aaron = server.register("aaron", "razel");
        TestSession david = server.register("david", "m");
        create(aaron, "lobby", Visibility.PUBLIC);
        joined(david, "lobby");

        david.send(new Frame.Who(Optional.of("lobby")));

        Frame.Presence presence = david.next(Frame.Presence.class);
        assertThat(presence.channel()).contains("lobby");
        assertThat(presence.sessions()).containsExactly(david.path());
    }

    @Test
    void who_unlistedChannelSubscriber_seesPresence() {
        TestSession aaron = server.register("aaron", "razel");
        TestSession david = server.register("david", "m");
        create(aaron, "secret-link", Visibility.UNLISTED);
        joined(david, "secret-link");

        david.send(new Frame.Who(Optional.of("secret-link")));

        assertThat(david.next(Frame.Presence.class).sessions()).containsExactly(david.path());
    }

    @Test
    void privateChannel_inviteAdmitsOnce_thenSpentTokenLooksLikeNoChannel() {
        TestSession aaron = server.register("aaron", "razel");
        TestSession david = server.register("david", "m");
        TestSession carol = server.register("carol", "c");
        create(aaron, "ops", Visibility.PRIVATE);
        david.send(join("ops"));
        david.nextError("not found: channel `ops` not found");

        aaron.send(admin(new AdminOp.InviteCreate("ops", Optional.of(1L), Optional.empty())));
        String token = aaron.next(Frame.InviteToken.class).token();
        david.send(new Frame.Join("ops", Optional.of(token)));
        david.next(Frame.Joined.class);
        carol.send(new Frame.Join("ops", Optional.of(token)));

        carol.nextError("not found: channel `ops` not found");
        assertThat(server.hub.subscribers("ops")).containsExactly(david.path());
        assertThat(server.store.isMember("ops", "david")).isTrue();
    }

    @Test
    void aclAdd_memberJoinsPrivateChannelWithoutToken() {
        TestSession aaron = server.register("aaron", "razel");
        TestSession david = server.register("david", "m");
        create(aaron, "ops", Visibility.PRIVATE);

        aaron.send(admin(new AdminOp.AclAdd("ops", "david")));
        assertThat(aaron.nextAck().detail()).contains("david");

        joined(david, "ops");
    }

    @Test
    void listChannels_outsiderSeesPublicOnly_ownerSeesBoth() {
        TestSession aaron = server.register("aaron", "razel");
        TestSession outsider = server.register("olly", "o");
        create(aaron, "lobby", Visibility.PUBLIC);
        create(aaron, "ops", Visibility.PRIVATE);

        outsider.send(new Frame.ListChannels());
        aaron.send(new Frame.ListChannels());

        assertThat(outsider.next(Frame.ChannelList.class).channels())
                .containsExactly(new ChannelInfo("lobby", Visibility.PUBLIC, false));
        assertThat(aaron.next(Frame.ChannelList.class).channels()).containsExactly(
                new ChannelInfo("lobby", Visibility.PUBLIC, true),
                new ChannelInfo("ops", Visibility.PRIVATE, true));
    }

    @Test
    void unlistedChannel_joinableByName_butNotListed() {
        TestSession aaron = server.register("aaron", "razel");
        TestSession outsider = server.register("olly", "o");
        create(aaron, "secret-link", Visibility.UNLISTED);

        joined(outsider, "secret-link");
        outsider.send(new Frame.ListChannels());

        assertThat(outsider.next(Frame.ChannelList.class).channels()).isEmpty();
    }

    @Test
    void join_absentChannel_answersTheUniformNotFound() {
        TestSession aaron = server.register("aaron", "razel");

        aaron.send(join("nowhere"));

        aaron.nextError("not found: channel `nowhere` not found");
    }

    @Test
    void post_reachesEveryOtherSubscriberWithStampedSender() {
        TestSession a = server.register("aaron", "razel");
        TestSession b = server.register("bella", "b");
        TestSession c = server.register("carol", "c");
        create(a, "lobby", Visibility.PUBLIC);
        joined(a, "lobby");
        joined(b, "lobby");
        joined(c, "lobby");

        a.send(post("lobby", "hello, agents"));

        a.nextAck();
        a.assertNothingReceived();
        for (TestSession recipient : List.of(b, c)) {
            Frame.ChannelMsg message = recipient.next(Frame.ChannelMsg.class);
            assertThat(message.channel()).isEqualTo("lobby");
            assertThat(message.from()).isEqualTo(a.path());
            assertThat(message.payload()).isEqualTo(new Payload.Plain("hello, agents"));
        }
    }

    @Test
    void post_toUnjoinedChannel_isNotAMember_whetherOrNotItExists() {
        TestSession aaron = server.register("aaron", "razel");
        create(aaron, "lobby", Visibility.PUBLIC);

        aaron.send(post("lobby", "x"));
        aaron.nextError("unauthorized: not a member of channel `lobby`");
        aaron.send(post("ghost", "x"));
        aaron.nextError("unauthorized: not a member of channel `ghost`");
    }

    @Test
    void readSince_returnsHistoryOldestFirst_strictlyAfterTheWatermark() {
        TestSession a = server.register("aaron", "razel");
        create(a, "lobby", Visibility.PUBLIC);
        joined(a, "lobby");
        a.send(post("lobby", "one")).nextAck();
        a.send(post("lobby", "two")).nextAck();
        TestSession b = server.register("bella", "b");
        joined(b, "lobby");

        b.send(new Frame.ReadSince("lobby", 0));
        List<HistoryMessage> all = b.next(Frame.History.class).messages();
        b.send(new Frame.ReadSince("lobby", all.get(0).tsMs()));
        List<HistoryMessage> rest = b.next(Frame.History.class).messages();

        assertThat(all).extracting(HistoryMessage::payload)
                .containsExactly(new Payload.Plain("one"), new Payload.Plain("two"));
        assertThat(all).extracting(HistoryMessage::from).containsOnly(a.path());
        assertThat(all.get(1).tsMs()).isGreaterThan(all.get(0).tsMs());
        assertThat(rest).extracting(HistoryMessage::payload).containsExactly(new Payload.Plain("two"));
    }

    @Test
    void readSince_olderThanRetention_isFilteredAtReadTime() {
        TestSession a = server.register("aaron", "razel");
        create(a, "lobby", Visibility.PUBLIC);
        joined(a, "lobby");
        a.send(post("lobby", "old")).nextAck();
        server.clock.advance(Duration.ofDays(7).plusMinutes(1));
        a.send(post("lobby", "new")).nextAck();

        a.send(new Frame.ReadSince("lobby", 0));

        assertThat(a.next(Frame.History.class).messages()).extracting(HistoryMessage::payload)
                .containsExactly(new Payload.Plain("new"));
    }

    @Test
    void readSince_privateChannelVsAbsentChannel_sameTextOnceNameMasked() {
        TestSession aaron = server.register("aaron", "razel");
        TestSession david = server.register("david", "m");
        create(aaron, "secret", Visibility.PRIVATE);

        david.send(new Frame.ReadSince("secret", 0));
        String hidden = david.next(Frame.Error.class).error().display();
        david.send(new Frame.ReadSince("no-such-channel", 0));
        String absent = david.next(Frame.Error.class).error().display();

        assertThat(hidden.replace("secret", "X")).isEqualTo(absent.replace("no-such-channel", "X"));
    }

    @Test
    void whisper_reachesOnlyItsTarget_andOfflineTargetIsNotFound() {
        TestSession a = server.register("aaron", "razel");
        TestSession b = server.register("bella", "b");
        TestSession c = server.register("carol", "c");
        Payload payload = new Payload.Plain("psst");

        a.send(new Frame.Whisper(SessionPath.UNSTAMPED, b.path(), payload));

        a.nextAck();
        assertThat(b.next(Frame.Whisper.class)).isEqualTo(new Frame.Whisper(a.path(), b.path(), payload));
        c.assertNothingReceived();
        SessionPath ghost = new SessionPath("ghost", "box", "sess");
        a.send(new Frame.Whisper(SessionPath.UNSTAMPED, ghost, payload));
        a.nextError("not found: session `ghost/box/sess` is not online");
    }

    @Test
    void reaper_dropsSessionIdleFor120Seconds() throws Exception {
        TestSession a = server.register("aaron", "razel");

        server.clock.advance(Duration.ofSeconds(120));
        int reaped = reap();

        assertThat(reaped).isEqualTo(1);
        a.nextError("unauthorized: idle timeout: no heartbeat");
        assertThat(server.hub.online()).isEmpty();
    }

    @Test
    void reaper_sparesSessionThatPingedWithinTheMinute() {
        TestSession a = server.register("aaron", "razel");
        server.clock.advance(Duration.ofSeconds(50));
        a.send(new Frame.Ping());
        a.next(Frame.Pong.class);
        server.clock.advance(Duration.ofSeconds(50));

        assertThat(reap()).isZero();
        assertThat(server.hub.online()).containsExactly(a.path());
    }

    private int reap() {
        List<Member> idle = server.hub.silentSince(server.clock.nanos() - ServerTimings.DEFAULT.idleLimit().toNanos());
        idle.forEach(member -> member.kill(ForceDrop.IDLE));
        return idle.size();
    }

    @Test
    void machineRemove_dropsEverySessionOfThatMachine() {
        SigningKey key = SigningKey.generate();
        TestSession one = server.register("aaron", "workstation", "one", key);
        TestSession two = server.login(key, "two");

        one.send(admin(new AdminOp.MachineRemove("workstation")));

        one.nextAck();
        one.nextError("unauthorized: machine key revoked");
        two.nextError("unauthorized: machine key revoked");
        assertThat(server.hub.online()).isEmpty();
    }

    @Test
    void kick_unsubscribesTheUserButKeepsThemOnline() {
        TestSession aaron = server.register("aaron", "razel");
        TestSession david = server.register("david", "m");
        create(aaron, "lobby", Visibility.PUBLIC);
        joined(aaron, "lobby");
        joined(david, "lobby");

        aaron.send(admin(new AdminOp.Kick("lobby", "david")));

        assertThat(aaron.nextAck().detail()).contains("david");
        assertThat(server.hub.subscribers("lobby")).containsExactly(aaron.path());
        assertThat(server.hub.online()).contains(david.path());
        david.assertNothingReceived();
    }

    @Test
    void kick_byFullPath_unsubscribesOnlyThatSession() {
        SigningKey key = SigningKey.generate();
        TestSession aaron = server.register("aaron", "razel");
        TestSession d1 = server.register("david", "m", "one", key);
        TestSession d2 = server.login(key, "two");
        create(aaron, "lobby", Visibility.PUBLIC);
        joined(d1, "lobby");
        joined(d2, "lobby");

        aaron.send(admin(new AdminOp.Kick("lobby", "david/m/one")));

        aaron.nextAck();
        assertThat(server.hub.subscribers("lobby")).containsExactly(d2.path());
    }

    @Test
    void ban_unsubscribesAndBlocksRejoinOfPublicChannel() {
        TestSession aaron = server.register("aaron", "razel");
        TestSession david = server.register("david", "m");
        create(aaron, "lobby", Visibility.PUBLIC);
        joined(david, "lobby");

        aaron.send(admin(new AdminOp.Ban("lobby", "david")));

        assertThat(aaron.nextAck().detail()).contains("david");
        assertThat(server.hub.subscribers("lobby")).isEmpty();
        david.send(join("lobby"));
        david.nextError("unauthorized: channel `lobby` is private");
    }

    @Test
    void fanOut_toRecipientWithFullQueue_killsItAsSlowConsumer() {
        TestSession a = server.register("aaron", "razel");
        TestSession stuck = server.register("stuck", "box", "s", SigningKey.generate(), 1);
        create(a, "lobby", Visibility.PUBLIC);
        joined(a, "lobby");
        joined(stuck, "lobby");

        a.send(post("lobby", "one")).nextAck();
        a.send(post("lobby", "two")).nextAck();

        assertThat(stuck.closed()).isTrue();
        assertThat(server.hub.online()).containsExactly(a.path());
    }

    @Test
    void serverOnlyFrameFromClient_isMalformedAndSessionStaysUp() {
        TestSession aaron = server.register("aaron", "razel");

        aaron.send(new Frame.Pong());
        aaron.nextError("malformed frame: unexpected frame from client");
        aaron.send(new Frame.Joined("x"));
        aaron.nextError("malformed frame: unexpected frame from client");

        aaron.send(new Frame.Ping());
        aaron.next(Frame.Pong.class);
        assertThat(aaron.closed()).isFalse();
    }

    @Test
    void leave_alwaysAcks() {
        TestSession aaron = server.register("aaron", "razel");

        aaron.send(new Frame.Leave("never-joined"));

        assertThat(aaron.nextAck().detail()).contains("never-joined");
    }

    @Test
    void whoServerWide_listsEveryOnlinePath() {
        TestSession a = server.register("aaron", "razel");
        TestSession b = server.register("bella", "b");

        a.send(new Frame.Who(Optional.empty()));

        Frame.Presence presence = a.next(Frame.Presence.class);
        assertThat(presence.channel()).isEmpty();
        assertThat(presence.sessions()).containsExactly(a.path(), b.path());
    }

    @Test
    void errorKinds_matchTheirVariants() {
        TestSession aaron = server.register("aaron", "razel");

        aaron.send(new Frame.ListUsers());

        assertThat(aaron.next(Frame.Error.class).error()).isEqualTo(
                new ProtocolError.Unauthorized("not authorized: admin role required"));
    }
}
