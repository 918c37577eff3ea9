package conclave.store;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.Visibility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BansTest extends StoreContract {
    private Store store;

    @BeforeEach
    void createChannels() {
        store = fixture.store();
        store.createChannel("lobby", Visibility.PUBLIC, "aaron", StoreFixture.NO_CAP);
        store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);
    }

    @Test
    void ban_member_recordsTheBanAndRemovesTheMembership() {
        store.grantMembership("lobby", "bob");

        boolean banned = store.ban("lobby", "bob");

        assertThat(banned).isTrue();
        assertThat(store.isBanned("lobby", "bob")).isTrue();
        assertThat(store.isMember("lobby", "bob")).isFalse();
        assertThat(store.listBannedUsers("lobby")).containsExactly("bob");
    }

    @Test
    void ban_twice_isIdempotent() {
        store.ban("lobby", "bob");

        store.ban("lobby", "bob");

        assertThat(store.listBans()).containsExactly(new BanRecord("lobby", "bob"));
    }

    @Test
    void ban_creator_isAllowedAndKeepsTheCreatorRole() {
        store.ban("lobby", "aaron");

        assertThat(store.isBanned("lobby", "aaron")).isTrue();
        assertThat(store.findChannel("lobby")).map(ChannelRecord::createdBy).contains("aaron");
    }

    @Test
    void ban_absentChannel_returnsFalse() {
        assertThat(store.ban("nope", "bob")).isFalse();
        assertThat(store.listBans()).isEmpty();
    }

    @Test
    void listBans_severalChannels_everyBanSorted() {
        store.ban("ops", "mallory");
        store.ban("lobby", "eve");
        store.ban("lobby", "bob");

        assertThat(store.listBans()).containsExactly(
                new BanRecord("lobby", "bob"), new BanRecord("lobby", "eve"), new BanRecord("ops", "mallory"));
        assertThat(store.listBannedUsers("lobby")).containsExactly("bob", "eve");
        assertThat(store.listBannedUsers("nope")).isEmpty();
    }

    @Test
    void unban_bannedUser_liftsTheBanWithoutGrantingMembership() {
        store.grantMembership("lobby", "bob");
        store.ban("lobby", "bob");

        boolean lifted = store.unban("lobby", "bob");

        assertThat(lifted).isTrue();
        assertThat(store.listBannedUsers("lobby")).isEmpty();
        assertThat(store.listBans()).isEmpty();
        assertThat(store.isMember("lobby", "bob")).isFalse();
    }

    @Test
    void unban_notBannedOrAbsentChannel_returnsFalse() {
        assertThat(store.unban("lobby", "bob")).isFalse();
        assertThat(store.unban("nope", "bob")).isFalse();
    }

    @Test
    void isBanned_otherChannel_isFalse() {
        store.ban("lobby", "bob");

        assertThat(store.isBanned("ops", "bob")).isFalse();
    }

    @Test
    void ban_thenReopen_theBanIsStillThere() {
        store.ban("lobby", "bob");

        Store reopened = fixture.reopen();

        assertThat(reopened.isBanned("lobby", "bob")).isTrue();
        assertThat(reopened.listBans()).containsExactly(new BanRecord("lobby", "bob"));
    }
}
