package conclave.server;

import static conclave.server.ChannelScenariosTest.admin;
import static conclave.server.ChannelScenariosTest.join;
import static conclave.server.ChannelScenariosTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.Bytes;
import conclave.protocol.ChannelInfo;
import conclave.protocol.Frame;
import conclave.protocol.InviteInfo;
import conclave.protocol.Visibility;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admin and moderation ops, transport-free: reference scenarios 33–48 and the SPEC's decisions. */
class AdminOpsTest {
    @TempDir
    Path dataDir;

    private TestServer server;
    private TestSession aaron;
    private TestSession bob;

    @BeforeEach
    void start() {
        server = new TestServer(dataDir, "root");
        aaron = server.register("aaron", "razel");
        bob = server.register("bob", "b");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void create(TestSession owner, String channel, Visibility visibility) {
        owner.send(admin(new AdminOp.CreateChannel(channel, visibility)));
        assertThat(owner.nextAck().detail()).contains(channel);
    }

    private String invite(TestSession owner, String channel, Optional<Long> uses, Optional<Long> expiresIn) {
        owner.send(admin(new AdminOp.InviteCreate(channel, uses, expiresIn)));
        return owner.next(Frame.InviteToken.class).token();
    }

    @Test
    void inviteRevoke_byNonAdmin_acksButKeepsTheToken() {
        create(aaron, "ops", Visibility.PRIVATE);
        String token = invite(aaron, "ops", Optional.empty(), Optional.empty());

        bob.send(admin(new AdminOp.InviteRevoke(token)));
        assertThat(bob.nextAck().detail()).contains(token);
        bob.send(admin(new AdminOp.InviteRevoke("no-such-token")));
        assertThat(bob.nextAck().detail()).contains("no-such-token");

        bob.send(new Frame.Join("ops", Optional.of(token)));
        bob.next(Frame.Joined.class);
    }

    @Test
    void inviteRevoke_byCreator_deletesTheToken() {
        create(aaron, "ops", Visibility.PRIVATE);
        String token = invite(aaron, "ops", Optional.empty(), Optional.empty());

        aaron.send(admin(new AdminOp.InviteRevoke(token)));
        aaron.nextAck();

        bob.send(new Frame.Join("ops", Optional.of(token)));
        bob.nextError("not found: channel `ops` not found");
    }

    @Test
    void listChannels_serverAdminSeesPrivateChannelTheyAreNotIn() {
        TestSession root = server.register("root", "r");
        create(aaron, "ops", Visibility.PRIVATE);

        root.send(new Frame.ListChannels());
        bob.send(new Frame.ListChannels());

        assertThat(root.next(Frame.ChannelList.class).channels())
                .containsExactly(new ChannelInfo("ops", Visibility.PRIVATE, false));
        assertThat(bob.next(Frame.ChannelList.class).channels()).isEmpty();
    }

    @Test
    void aclList_byCreatorListsMembers_byOthersIsRefused() {
        create(aaron, "lobby", Visibility.PUBLIC);
        aaron.send(admin(new AdminOp.AclAdd("lobby", "david"))).nextAck();

        aaron.send(admin(new AdminOp.AclList("lobby")));
        bob.send(admin(new AdminOp.AclList("lobby")));

        assertThat(aaron.next(Frame.UserList.class).users()).containsExactly("aaron", "david");
        bob.nextError("unauthorized: not authorized: admin role required");
    }

    @Test
    void inviteList_byCreator_showsUsesAndExpiry_byOthersIsRefused() {
        create(aaron, "lobby", Visibility.PUBLIC);
        String token = invite(aaron, "lobby", Optional.of(2L), Optional.of(3600L));

        aaron.send(admin(new AdminOp.InviteList("lobby")));
        bob.send(admin(new AdminOp.InviteList("lobby")));

        assertThat(aaron.next(Frame.InviteList.class).invites()).containsExactly(
                new InviteInfo(token, Optional.of(2L), Optional.of("2026-11-24T13:00:00+00:00")));
        bob.nextError("unauthorized: not authorized: admin role required");
    }

    @Test
    void banList_unban_roundTrip() {
        create(aaron, "lobby", Visibility.PUBLIC);
        aaron.send(admin(new AdminOp.Ban("lobby", "bob"))).nextAck();
        aaron.send(admin(new AdminOp.BanList("lobby")));
        assertThat(aaron.next(Frame.UserList.class).users()).containsExactly("bob");
        bob.send(admin(new AdminOp.BanList("lobby")));
        bob.nextError("unauthorized: not authorized: admin role required");
        bob.send(admin(new AdminOp.Unban("lobby", "bob")));
        bob.nextError("unauthorized: not authorized: admin role required");

        aaron.send(admin(new AdminOp.Unban("lobby", "bob"))).nextAck();

        aaron.send(admin(new AdminOp.BanList("lobby")));
        assertThat(aaron.next(Frame.UserList.class).users()).isEmpty();
        assertThat(server.store.listBans()).isEmpty();
        assertThat(server.store.isMember("lobby", "bob")).isFalse();
        bob.send(join("lobby"));
        bob.next(Frame.Joined.class);
    }

    @Test
    void ban_survivesARestartOverTheSameStore() {
        SigningKey carlKey = SigningKey.generate();
        server.register("carl", "c", "s", carlKey);
        create(aaron, "lobby", Visibility.PUBLIC);
        aaron.send(admin(new AdminOp.Ban("lobby", "carl"))).nextAck();
        server.close();
        server = new TestServer(dataDir);
        TestSession carl = server.login(carlKey, "s2");

        carl.send(join("lobby"));

        carl.nextError("unauthorized: channel `lobby` is private");
    }

    @Test
    void invites_twoUses_admitTwoThenRefuse() {
        create(aaron, "ops", Visibility.PRIVATE);
        String token = invite(aaron, "ops", Optional.of(2L), Optional.empty());
        TestSession carol = server.register("carol", "c");
        TestSession dave = server.register("dave", "d");

        bob.send(new Frame.Join("ops", Optional.of(token)));
        bob.next(Frame.Joined.class);
        carol.send(new Frame.Join("ops", Optional.of(token)));
        carol.next(Frame.Joined.class);
        dave.send(new Frame.Join("ops", Optional.of(token)));
        dave.nextError("not found: channel `ops` not found");
    }

    @Test
    void invite_expired_isRefused() {
        create(aaron, "ops", Visibility.PRIVATE);
        String token = invite(aaron, "ops", Optional.empty(), Optional.of(0L));

        bob.send(new Frame.Join("ops", Optional.of(token)));

        bob.nextError("not found: channel `ops` not found");
        assertThat(server.store.findInvite(token)).isEmpty();
    }

    @Test
    void invite_unknownToken_isRefused() {
        create(aaron, "ops", Visibility.PRIVATE);

        bob.send(new Frame.Join("ops", Optional.of("made-up")));

        bob.nextError("not found: channel `ops` not found");
    }

    @Test
    void invite_absurdExpiry_isMalformedNotACrash() {
        create(aaron, "ops", Visibility.PRIVATE);

        aaron.send(admin(new AdminOp.InviteCreate("ops", Optional.empty(), Optional.of(-1L)))); // u64::MAX
        aaron.nextError("malformed frame: invite expiry is too far in the future");
        aaron.send(admin(new AdminOp.InviteCreate("ops", Optional.empty(), Optional.of(Long.MAX_VALUE))));
        aaron.nextError("malformed frame: invite expiry is too far in the future");
    }

    @Test
    void userRemove_byAdmin_deletesTheirChannelsAndMemberships_andDropsThem() {
        TestSession root = server.register("root", "r");
        create(bob, "bobs-room", Visibility.PUBLIC);
        create(aaron, "lobby", Visibility.PUBLIC);
        aaron.send(admin(new AdminOp.AclAdd("lobby", "bob"))).nextAck();

        root.send(admin(new AdminOp.UserRemove("bob")));

        assertThat(root.nextAck().detail()).contains("bob");
        bob.nextError("unauthorized: user removed from this server");
        assertThat(server.store.findChannel("bobs-room")).isEmpty();
        assertThat(server.store.isMember("lobby", "bob")).isFalse();
        assertThat(server.store.findUser("bob")).isEmpty();
    }

    @Test
    void userRemove_byNonAdmin_isRefused() {
        bob.send(admin(new AdminOp.UserRemove("aaron")));

        bob.nextError("unauthorized: not authorized: admin role required");
        assertThat(server.store.findUser("aaron")).isPresent();
    }

    @Test
    void createChannel_takenName_isNotAvailable_evenWhenPrivate() {
        create(aaron, "ops", Visibility.PRIVATE);

        bob.send(admin(new AdminOp.CreateChannel("ops", Visibility.PUBLIC)));

        bob.nextError("unauthorized: channel name `ops` is not available");
    }

    @Test
    void createChannel_invalidNames_areMalformed() {
        aaron.send(admin(new AdminOp.CreateChannel("has space", Visibility.PUBLIC)));
        aaron.nextError("malformed frame: invalid channel name: `has space`");
        aaron.send(admin(new AdminOp.CreateChannel("a/b", Visibility.PUBLIC)));
        aaron.nextError("malformed frame: invalid channel name: `a/b`");
        aaron.send(admin(new AdminOp.CreateChannel("", Visibility.PUBLIC)));
        aaron.nextError("malformed frame: invalid channel name: ``");
        aaron.send(admin(new AdminOp.CreateChannel("bell\u0007", Visibility.PUBLIC)));
        aaron.nextError("malformed frame: invalid channel name: `bell\u0007`");
        assertThat(server.store.listChannels()).isEmpty();
    }

    @Test
    void channelAdminOp_onHiddenChannel_looksAbsent() {
        create(aaron, "ops", Visibility.PRIVATE);

        bob.send(admin(new AdminOp.DeleteChannel("ops")));

        bob.nextError("not found: channel `ops` not found");
        assertThat(server.store.findChannel("ops")).isPresent();
    }

    @Test
    void rename_movesSubscribersAndHistory() {
        create(aaron, "lobby", Visibility.PUBLIC);
        aaron.send(join("lobby")).next(Frame.Joined.class);
        bob.send(join("lobby")).next(Frame.Joined.class);
        aaron.send(post("lobby", "before")).nextAck();
        bob.next(Frame.ChannelMsg.class);

        aaron.send(admin(new AdminOp.RenameChannel("lobby", "hall")));
        assertThat(aaron.nextAck().detail()).contains("hall");

        aaron.send(post("hall", "after")).nextAck();
        assertThat(bob.next(Frame.ChannelMsg.class).channel()).isEqualTo("hall");
        bob.send(new Frame.ReadSince("hall", 0));
        assertThat(bob.next(Frame.History.class).messages()).hasSize(2);
    }

    @Test
    void rename_ontoTakenName_isNotAvailableAndChangesNothing() {
        create(aaron, "lobby", Visibility.PUBLIC);
        create(aaron, "hall", Visibility.PUBLIC);

        aaron.send(admin(new AdminOp.RenameChannel("lobby", "hall")));

        aaron.nextError("unauthorized: channel name `hall` is not available");
        assertThat(server.store.findChannel("lobby")).isPresent();
    }

    @Test
    void delete_dropsSubscriptions() {
        create(aaron, "lobby", Visibility.PUBLIC);
        bob.send(join("lobby")).next(Frame.Joined.class);

        aaron.send(admin(new AdminOp.DeleteChannel("lobby"))).nextAck();

        assertThat(server.hub.subscribers("lobby")).isEmpty();
        bob.send(post("lobby", "x"));
        bob.nextError("unauthorized: not a member of channel `lobby`");
    }

    @Test
    void aclAdd_liftsABan() {
        create(aaron, "lobby", Visibility.PUBLIC);
        aaron.send(admin(new AdminOp.Ban("lobby", "bob"))).nextAck();

        aaron.send(admin(new AdminOp.AclAdd("lobby", "bob"))).nextAck();

        bob.send(join("lobby"));
        bob.next(Frame.Joined.class);
    }

    @Test
    void aclAdd_invalidTargetUsername_isMalformed() {
        create(aaron, "lobby", Visibility.PUBLIC);

        aaron.send(admin(new AdminOp.AclAdd("lobby", "a/b")));

        aaron.nextError("malformed frame: invalid username: `a/b`");
    }

    @Test
    void machineAdd_invalidNameOrShortKey_isMalformed() {
        aaron.send(admin(new AdminOp.MachineAdd("", Bytes.of(new byte[32]))));
        aaron.nextError("malformed frame: invalid machine name: ``");
        aaron.send(admin(new AdminOp.MachineAdd("laptop", Bytes.of(new byte[31]))));
        aaron.nextError("malformed frame: malformed key or signature: public key must be 32 bytes");
    }

    @Test
    void listMachines_showsOwnMachinesOnly() {
        aaron.send(new Frame.ListMachines());

        Frame.MachineList list = aaron.next(Frame.MachineList.class);
        assertThat(list.machines()).singleElement().satisfies(machine -> {
            assertThat(machine.name()).isEqualTo("box");
            assertThat(machine.addedAt()).isEqualTo("2026-11-24T12:00:00+00:00");
        });
    }

    /** Regression: a banned non-member was told a private channel "is private", proving it exists. */
    @Test
    void join_privateChannelByBannedNonMemberWithValidInvite_answersUniformNotFound_andKeepsTheUse() {
        create(aaron, "ops", Visibility.PRIVATE);
        String token = invite(aaron, "ops", Optional.of(1L), Optional.empty());
        aaron.send(admin(new AdminOp.Ban("ops", "bob"))).nextAck();

        bob.send(new Frame.Join("ops", Optional.of(token)));

        bob.nextError("not found: channel `ops` not found");
        TestSession carol = server.register("carol", "c");
        carol.send(new Frame.Join("ops", Optional.of(token))).next(Frame.Joined.class);
    }
}
