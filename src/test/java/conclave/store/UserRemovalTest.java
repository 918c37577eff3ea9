package conclave.store;

import static conclave.store.ChannelsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.Ed25519PublicKey;
import conclave.identity.SigningKey;
import conclave.protocol.Visibility;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scenario 47 and server.md §10.3: what removing a user deletes, and what it deliberately keeps. */
class UserRemovalTest extends StoreContract {
    private final Ed25519PublicKey victimDesk = SigningKey.generate().publicKey();
    private final Ed25519PublicKey victimLaptop = SigningKey.generate().publicKey();
    private Store store;
    private long victimMessageTs;

    @BeforeEach
    void victimWithChannelsMembershipsAndTraces() {
        store = fixture.store();
        store.register("admin", "console", SigningKey.generate().publicKey());
        store.register("victim", "desk", victimDesk);
        store.addMachine("victim", "laptop", victimLaptop);

        store.createChannel("victims-den", Visibility.PRIVATE, "victim", StoreFixture.NO_CAP);
        store.createChannel("victims-lobby", Visibility.PUBLIC, "victim", StoreFixture.NO_CAP);
        store.grantMembership("victims-den", "admin");
        store.createInvite(new InviteRecord("den-invite", "victims-den", OptionalLong.empty(), Optional.empty(), "victim"), StoreFixture.NO_CAP, StoreFixture.START);
        store.ban("victims-den", "eve");
        store.appendMessage("victims-den", "victim/desk/s", bytes("in my den"), 1_000);

        store.createChannel("admins-room", Visibility.PUBLIC, "admin", StoreFixture.NO_CAP);
        store.createInvite(new InviteRecord("victims-invite", "admins-room", OptionalLong.of(3), Optional.empty(), "victim"), StoreFixture.NO_CAP, StoreFixture.START);
        victimMessageTs = store.appendMessage("admins-room", "victim/desk/s", bytes("hello"), 2_000).orElseThrow();
        store.ban("admins-room", "victim");
        store.createChannel("other-room", Visibility.PUBLIC, "admin", StoreFixture.NO_CAP);
        store.grantMembership("other-room", "victim");
    }

    @Test
    void removeUser_victim_deletesTheirChannelsWithEverythingInThem() {
        UserRemoval removal = store.removeUser("victim");

        assertThat(removal).isEqualTo(new UserRemoval(true, List.of("victims-den", "victims-lobby")));
        assertThat(store.listChannels()).extracting(ChannelRecord::name).containsExactly("admins-room", "other-room");
        assertThat(store.listMembershipsOf("admin")).containsExactly("admins-room", "other-room");
        assertThat(store.findInvite("den-invite")).isEmpty();
        assertThat(store.isBanned("victims-den", "eve")).isFalse();
        assertThat(store.readSince("victims-den", 0, 500, 0)).isEmpty();
    }

    @Test
    void removeUser_victim_deletesTheirMembershipsElsewhereTheirMachinesAndTheUser() {
        store.removeUser("victim");

        assertThat(store.listMembershipsOf("victim")).isEmpty();
        assertThat(store.listMembers("other-room")).containsExactly("admin");
        assertThat(store.findMachine(victimDesk)).isEmpty();
        assertThat(store.findMachine(victimLaptop)).isEmpty();
        assertThat(store.findUser("victim")).isEmpty();
        assertThat(store.listUsernames()).containsExactly("admin");
    }

    @Test
    void removeUser_victim_keepsBansNamingThemInvitesTheyMadeAndTheirMessages() {
        store.removeUser("victim");

        assertThat(store.isBanned("admins-room", "victim")).isTrue();
        assertThat(store.findInvite("victims-invite")).map(InviteRecord::createdBy).contains("victim");
        assertThat(store.readSince("admins-room", 0, 500, 0))
                .containsExactly(new MessageRecord("victim/desk/s", bytes("hello"), victimMessageTs));
    }

    @Test
    void removeUser_thenReRegisterTheName_inheritsTheSurvivingBan() {
        store.removeUser("victim");

        store.register("victim", "new-box", SigningKey.generate().publicKey());

        assertThat(store.isBanned("admins-room", "victim")).isTrue();
        assertThat(store.listMembershipsOf("victim")).isEmpty();
    }
}
