package conclave.store;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.Visibility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MembershipsTest extends StoreContract {
    private Store store;

    @BeforeEach
    void createChannels() {
        store = fixture.store();
        store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);
        store.createChannel("lobby", Visibility.PUBLIC, "bob", StoreFixture.NO_CAP);
    }

    @Test
    void grantMembership_newMember_isListedBothWays() {
        boolean granted = store.grantMembership("ops", "david");

        assertThat(granted).isTrue();
        assertThat(store.isMember("ops", "david")).isTrue();
        assertThat(store.listMembers("ops")).containsExactly("aaron", "david");
        assertThat(store.listMembershipsOf("david")).containsExactly("ops");
    }

    @Test
    void grantMembership_twice_isIdempotent() {
        store.grantMembership("ops", "david");

        boolean again = store.grantMembership("ops", "david");

        assertThat(again).isTrue();
        assertThat(store.listMembers("ops")).containsExactly("aaron", "david");
    }

    @Test
    void grantMembership_absentChannel_returnsFalse() {
        assertThat(store.grantMembership("nope", "david")).isFalse();
        assertThat(store.listMembershipsOf("david")).isEmpty();
    }

    @Test
    void grantMembership_bannedUser_liftsTheBan() {
        store.ban("ops", "david");

        store.grantMembership("ops", "david");

        assertThat(store.isBanned("ops", "david")).isFalse();
        assertThat(store.isMember("ops", "david")).isTrue();
    }

    @Test
    void grantMembership_unregisteredUser_appliesOnceTheyRegister() {
        store.grantMembership("ops", "future");

        store.register("future", "box", SigningKey.generate().publicKey());

        assertThat(store.isMember("ops", "future")).isTrue();
    }

    @Test
    void isMember_nonMemberOrAbsentChannel_isFalse() {
        assertThat(store.isMember("ops", "bob")).isFalse();
        assertThat(store.isMember("nope", "aaron")).isFalse();
    }

    @Test
    void listMembershipsOf_memberOfSeveral_sortedChannelNames() {
        store.grantMembership("ops", "bob");

        assertThat(store.listMembershipsOf("bob")).containsExactly("lobby", "ops");
    }

    @Test
    void revokeMembership_member_removesOnlyThatRow() {
        store.grantMembership("ops", "bob");

        boolean revoked = store.revokeMembership("ops", "bob");

        assertThat(revoked).isTrue();
        assertThat(store.isMember("ops", "bob")).isFalse();
        assertThat(store.isMember("lobby", "bob")).isTrue();
    }

    @Test
    void revokeMembership_creator_removesTheRowButNotTheCreatorRole() {
        store.revokeMembership("ops", "aaron");

        assertThat(store.listMembers("ops")).isEmpty();
        assertThat(store.findChannel("ops")).map(ChannelRecord::createdBy).contains("aaron");
    }

    @Test
    void revokeMembership_nonMemberOrAbsentChannel_returnsFalse() {
        assertThat(store.revokeMembership("ops", "bob")).isFalse();
        assertThat(store.revokeMembership("nope", "aaron")).isFalse();
    }

    @Test
    void revokeAllMemberships_memberOfSeveral_removesEveryRowOfThatUser() {
        store.grantMembership("ops", "bob");

        int revoked = store.revokeAllMemberships("bob");

        assertThat(revoked).isEqualTo(2);
        assertThat(store.listMembershipsOf("bob")).isEmpty();
        assertThat(store.listMembers("ops")).containsExactly("aaron");
    }
}
