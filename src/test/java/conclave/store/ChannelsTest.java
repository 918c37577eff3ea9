package conclave.store;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.Visibility;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChannelsTest extends StoreContract {
    private Store store;

    @BeforeEach
    void openStore() {
        store = fixture.store();
    }

    @Test
    void createChannel_newName_storesItAndSeedsTheCreatorAsMember() {
        ChannelCreateResult result = store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);

        assertThat(result).isEqualTo(ChannelCreateResult.CREATED);
        assertThat(store.findChannel("ops"))
                .contains(new ChannelRecord("ops", Visibility.PRIVATE, "aaron", StoreFixture.START));
        assertThat(store.listMembers("ops")).containsExactly("aaron");
    }

    @Test
    void createChannel_takenName_refusedAndTheOriginalIsUntouched() {
        store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);

        ChannelCreateResult result = store.createChannel("ops", Visibility.PUBLIC, "mallory", StoreFixture.NO_CAP);

        assertThat(result).isEqualTo(ChannelCreateResult.NAME_TAKEN);
        assertThat(store.findChannel("ops")).map(ChannelRecord::createdBy).contains("aaron");
        assertThat(store.listMembers("ops")).containsExactly("aaron");
    }

    @Test
    void findChannel_absent_isEmpty() {
        assertThat(store.findChannel("nope")).isEmpty();
    }

    @Test
    void listChannels_severalChannels_sortedByName() {
        store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);
        store.createChannel("lobby", Visibility.PUBLIC, "bob", StoreFixture.NO_CAP);
        store.createChannel("secret-link", Visibility.UNLISTED, "aaron", StoreFixture.NO_CAP);

        assertThat(store.listChannels())
                .extracting(ChannelRecord::name, ChannelRecord::visibility)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lobby", Visibility.PUBLIC),
                        org.assertj.core.groups.Tuple.tuple("ops", Visibility.PRIVATE),
                        org.assertj.core.groups.Tuple.tuple("secret-link", Visibility.UNLISTED));
    }

    @Test
    void createChannel_creatorAtTheCap_refusedWhileOtherCreatorsAreNot() {
        store.createChannel("ops", Visibility.PRIVATE, "aaron", 2);
        store.createChannel("alpha", Visibility.PUBLIC, "aaron", 2);

        ChannelCreateResult third = store.createChannel("beta", Visibility.PUBLIC, "aaron", 2);
        ChannelCreateResult bobs = store.createChannel("lobby", Visibility.PUBLIC, "bob", 2);

        assertThat(third).isEqualTo(ChannelCreateResult.LIMIT_REACHED);
        assertThat(bobs).isEqualTo(ChannelCreateResult.CREATED);
        assertThat(store.listChannels()).extracting(ChannelRecord::name).containsExactly("alpha", "lobby", "ops");
    }

    @Test
    void createChannel_creatorAtTheCapDeletesOne_mayCreateAgain() {
        store.createChannel("ops", Visibility.PRIVATE, "aaron", 1);
        store.deleteChannel("ops");

        ChannelCreateResult result = store.createChannel("alpha", Visibility.PUBLIC, "aaron", 1);

        assertThat(result).isEqualTo(ChannelCreateResult.CREATED);
    }

    @Test
    void setVisibility_existingChannel_changesOnlyTheTier() {
        store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);

        boolean changed = store.setVisibility("ops", Visibility.UNLISTED);

        assertThat(changed).isTrue();
        assertThat(store.findChannel("ops"))
                .contains(new ChannelRecord("ops", Visibility.UNLISTED, "aaron", StoreFixture.START));
        assertThat(store.listMembers("ops")).containsExactly("aaron");
    }

    @Test
    void setVisibility_absentChannel_returnsFalse() {
        assertThat(store.setVisibility("nope", Visibility.PUBLIC)).isFalse();
    }

    @Test
    void deleteChannel_existing_removesIt() {
        store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);
        store.createChannel("lobby", Visibility.PUBLIC, "aaron", StoreFixture.NO_CAP);

        boolean deleted = store.deleteChannel("ops");

        assertThat(deleted).isTrue();
        assertThat(store.findChannel("ops")).isEmpty();
        assertThat(store.listChannels()).extracting(ChannelRecord::name).containsExactly("lobby");
    }

    @Test
    void deleteChannel_absent_returnsFalse() {
        assertThat(store.deleteChannel("nope")).isFalse();
    }

    @Test
    void deleteChannel_withMembersInvitesBansAndHistory_dropsThemAll() {
        store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);
        store.grantMembership("ops", "david");
        store.createInvite(invite("tok-ops", "ops"), StoreFixture.NO_CAP, StoreFixture.START);
        store.ban("ops", "mallory");
        store.appendMessage("ops", "aaron/ws/s", bytes("hi"), 1_000);

        store.deleteChannel("ops");

        assertThat(store.listMembershipsOf("aaron")).isEmpty();
        assertThat(store.listMembershipsOf("david")).isEmpty();
        assertThat(store.findInvite("tok-ops")).isEmpty();
        assertThat(store.listBans()).isEmpty();
        assertThat(store.readSince("ops", 0, 500, 0)).isEmpty();
    }

    @Test
    void createChannel_reusingADeletedName_inheritsNothing() {
        store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);
        store.grantMembership("ops", "david");
        store.createInvite(invite("old-token", "ops"), StoreFixture.NO_CAP, StoreFixture.START);
        store.ban("ops", "mallory");
        store.appendMessage("ops", "aaron/ws/s", bytes("old"), 1_000);
        store.deleteChannel("ops");

        store.createChannel("ops", Visibility.PRIVATE, "bob", StoreFixture.NO_CAP);

        assertThat(store.listMembers("ops")).containsExactly("bob");
        assertThat(store.redeemInvite("ops", "old-token", "eve", Instant.EPOCH))
                .isInstanceOf(Redemption.UnknownToken.class);
        assertThat(store.isBanned("ops", "mallory")).isFalse();
        assertThat(store.readSince("ops", 0, 500, 0)).isEmpty();
    }

    @Test
    void renameChannel_freeName_movesMembersInvitesBansAndHistory() {
        store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);
        store.grantMembership("ops", "david");
        store.createInvite(invite("tok-ops", "ops"), StoreFixture.NO_CAP, StoreFixture.START);
        store.ban("ops", "mallory");
        long ts = store.appendMessage("ops", "aaron/ws/s", bytes("hi"), 1_000).orElseThrow();

        ChannelRenameResult result = store.renameChannel("ops", "operations");

        assertThat(result).isEqualTo(ChannelRenameResult.RENAMED);
        assertThat(store.findChannel("ops")).isEmpty();
        assertThat(store.findChannel("operations"))
                .contains(new ChannelRecord("operations", Visibility.PRIVATE, "aaron", StoreFixture.START));
        assertThat(store.listMembers("operations")).containsExactly("aaron", "david");
        assertThat(store.listMembers("ops")).isEmpty();
        assertThat(store.findInvite("tok-ops")).map(InviteRecord::channel).contains("operations");
        assertThat(store.listBannedUsers("operations")).containsExactly("mallory");
        assertThat(store.isBanned("ops", "mallory")).isFalse();
        assertThat(store.readSince("operations", 0, 500, 0))
                .containsExactly(new MessageRecord("aaron/ws/s", bytes("hi"), ts));
        assertThat(store.readSince("ops", 0, 500, 0)).isEmpty();
    }

    @Test
    void renameChannel_ontoATakenName_refusedAndNothingChanges() {
        store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);
        store.createChannel("lobby", Visibility.PUBLIC, "bob", StoreFixture.NO_CAP);
        store.grantMembership("ops", "david");

        ChannelRenameResult result = store.renameChannel("ops", "lobby");

        assertThat(result).isEqualTo(ChannelRenameResult.NAME_TAKEN);
        assertThat(store.findChannel("ops")).map(ChannelRecord::createdBy).contains("aaron");
        assertThat(store.findChannel("lobby")).map(ChannelRecord::createdBy).contains("bob");
        assertThat(store.listMembers("ops")).containsExactly("aaron", "david");
        assertThat(store.listMembers("lobby")).containsExactly("bob");
    }

    @Test
    void renameChannel_absent_reportsNoSuchChannel() {
        assertThat(store.renameChannel("nope", "other")).isEqualTo(ChannelRenameResult.NO_SUCH_CHANNEL);
        assertThat(store.findChannel("other")).isEmpty();
    }

    @Test
    void renameChannel_ontoItsOwnName_isAHarmlessRename() {
        store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);

        assertThat(store.renameChannel("ops", "ops")).isEqualTo(ChannelRenameResult.RENAMED);
        assertThat(store.findChannel("ops")).isPresent();
    }

    @Test
    void appendMessage_afterRename_continuesTheTimestampSequence() {
        store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);
        long before = store.appendMessage("ops", "a/b/c", bytes("1"), 5_000).orElseThrow();
        store.renameChannel("ops", "operations");

        long after = store.appendMessage("operations", "a/b/c", bytes("2"), 4_000).orElseThrow();

        assertThat(after).isEqualTo(before + 1);
    }

    static InviteRecord invite(String token, String channel) {
        return new InviteRecord(token, channel, OptionalLong.of(1), Optional.empty(), "aaron");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
