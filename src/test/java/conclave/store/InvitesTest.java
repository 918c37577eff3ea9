package conclave.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import conclave.protocol.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvitesTest extends StoreContract {
    private static final Instant NOW = StoreFixture.START;
    private Store store;

    @BeforeEach
    void createChannels() {
        store = fixture.store();
        store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);
        store.createChannel("lobby", Visibility.PUBLIC, "bob", StoreFixture.NO_CAP);
    }

    @Test
    void createInvite_newToken_isFoundAndListedWithItsTerms() {
        InviteRecord invite = invite("tok", OptionalLong.of(2), Optional.of(NOW.plus(Duration.ofHours(1))));

        InviteCreateResult result = store.createInvite(invite, StoreFixture.NO_CAP, StoreFixture.START);

        assertThat(result).isEqualTo(InviteCreateResult.CREATED);
        assertThat(store.findInvite("tok")).contains(invite);
        assertThat(store.listInvites("ops")).containsExactly(invite);
    }

    @Test
    void createInvite_takenToken_refusedEvenForAnotherChannel() {
        store.createInvite(invite("tok", OptionalLong.of(1), Optional.empty()), StoreFixture.NO_CAP, StoreFixture.START);

        InviteCreateResult result = store.createInvite(
                new InviteRecord("tok", "lobby", OptionalLong.empty(), Optional.empty(), "bob"), StoreFixture.NO_CAP, StoreFixture.START);

        assertThat(result).isEqualTo(InviteCreateResult.TOKEN_TAKEN);
        assertThat(store.findInvite("tok")).map(InviteRecord::channel).contains("ops");
    }

    @Test
    void createInvite_absentChannel_refused() {
        InviteCreateResult result = store.createInvite(
                new InviteRecord("tok", "nope", OptionalLong.empty(), Optional.empty(), "aaron"), StoreFixture.NO_CAP, StoreFixture.START);

        assertThat(result).isEqualTo(InviteCreateResult.NO_SUCH_CHANNEL);
        assertThat(store.findInvite("tok")).isEmpty();
    }

    @Test
    void createInvite_channelAtTheCap_refusedButUsedUpAndExpiredOnesDoNotCount() {
        store.createInvite(invite("live", OptionalLong.of(1), Optional.empty()), 2, NOW);
        store.createInvite(invite("expired", OptionalLong.empty(), Optional.of(NOW)), 2, NOW);
        store.createInvite(invite("used-up", OptionalLong.of(0), Optional.empty()), 2, NOW);
        store.createInvite(invite("open", OptionalLong.empty(), Optional.of(NOW.plusMillis(1))), 2, NOW);

        InviteCreateResult overCap = store.createInvite(invite("one-more", OptionalLong.empty(), Optional.empty()), 2, NOW);
        InviteCreateResult elsewhere = store.createInvite(
                new InviteRecord("elsewhere", "lobby", OptionalLong.empty(), Optional.empty(), "bob"), 2, NOW);

        assertThat(overCap).isEqualTo(InviteCreateResult.LIMIT_REACHED);
        assertThat(elsewhere).isEqualTo(InviteCreateResult.CREATED);
        assertThat(store.listInvites("ops")).extracting(InviteRecord::token)
                .containsExactly("live", "expired", "used-up", "open");
    }

    @Test
    void listInvites_severalChannels_onlyThatChannelsInCreationOrder() {
        store.createInvite(invite("second-created-first", OptionalLong.of(1), Optional.empty()), StoreFixture.NO_CAP, StoreFixture.START);
        store.createInvite(new InviteRecord("elsewhere", "lobby", OptionalLong.empty(), Optional.empty(), "bob"), StoreFixture.NO_CAP, StoreFixture.START);
        store.createInvite(invite("a-later-one", OptionalLong.of(0), Optional.of(Instant.EPOCH)), StoreFixture.NO_CAP, StoreFixture.START);

        assertThat(store.listInvites("ops"))
                .extracting(InviteRecord::token)
                .containsExactly("second-created-first", "a-later-one");
    }

    @Test
    void deleteInvite_existing_isGone() {
        store.createInvite(invite("tok", OptionalLong.of(1), Optional.empty()), StoreFixture.NO_CAP, StoreFixture.START);

        boolean deleted = store.deleteInvite("tok");

        assertThat(deleted).isTrue();
        assertThat(store.findInvite("tok")).isEmpty();
        assertThat(store.deleteInvite("tok")).isFalse();
    }

    @Test
    void redeemInvite_singleUse_firstAdmittedSecondRefused() {
        store.createInvite(invite("tok", OptionalLong.of(1), Optional.empty()), StoreFixture.NO_CAP, StoreFixture.START);

        Redemption first = store.redeemInvite("ops", "tok", "carol", NOW);
        Redemption second = store.redeemInvite("ops", "tok", "dave", NOW);

        assertThat(first).isEqualTo(new Redemption.Redeemed(OptionalLong.of(0)));
        assertThat(second).isNotInstanceOf(Redemption.Redeemed.class);
        assertThat(store.listMembers("ops")).containsExactly("aaron", "carol");
        assertThat(store.findInvite("tok")).isEmpty();
    }

    @Test
    void redeemInvite_twoUses_twoAdmittedThirdRefused() {
        store.createInvite(invite("tok", OptionalLong.of(2), Optional.empty()), StoreFixture.NO_CAP, StoreFixture.START);

        Redemption first = store.redeemInvite("ops", "tok", "carol", NOW);
        Optional<InviteRecord> afterFirst = store.findInvite("tok");
        Redemption second = store.redeemInvite("ops", "tok", "dave", NOW);
        Redemption third = store.redeemInvite("ops", "tok", "erin", NOW);

        assertThat(first).isEqualTo(new Redemption.Redeemed(OptionalLong.of(1)));
        assertThat(afterFirst).map(InviteRecord::usesRemaining).contains(OptionalLong.of(1));
        assertThat(second).isEqualTo(new Redemption.Redeemed(OptionalLong.of(0)));
        assertThat(third).isNotInstanceOf(Redemption.Redeemed.class);
        assertThat(store.listMembers("ops")).containsExactly("aaron", "carol", "dave");
    }

    @Test
    void redeemInvite_unlimited_admitsWithoutConsuming() {
        store.createInvite(invite("tok", OptionalLong.empty(), Optional.empty()), StoreFixture.NO_CAP, StoreFixture.START);

        Redemption result = store.redeemInvite("ops", "tok", "carol", NOW);

        assertThat(result).isEqualTo(new Redemption.Redeemed(OptionalLong.empty()));
        assertThat(store.findInvite("tok")).map(InviteRecord::usesRemaining).contains(OptionalLong.empty());
        assertThat(store.isMember("ops", "carol")).isTrue();
    }

    @Test
    void redeemInvite_expiredIn2000_refusedAndDeleted() {
        store.createInvite(invite("tok", OptionalLong.empty(), Optional.of(Instant.parse("2000-01-01T00:00:00Z"))), StoreFixture.NO_CAP, StoreFixture.START);

        Redemption result = store.redeemInvite("ops", "tok", "carol", NOW);

        assertThat(result).isInstanceOf(Redemption.Expired.class);
        assertThat(store.findInvite("tok")).isEmpty();
        assertThat(store.isMember("ops", "carol")).isFalse();
    }

    @Test
    void redeemInvite_expiringExactlyNow_refused() {
        store.createInvite(invite("tok", OptionalLong.of(5), Optional.of(NOW)), StoreFixture.NO_CAP, StoreFixture.START);

        assertThat(store.redeemInvite("ops", "tok", "carol", NOW)).isInstanceOf(Redemption.Expired.class);
    }

    @Test
    void redeemInvite_expiringOneMillisecondLater_admitted() {
        store.createInvite(invite("tok", OptionalLong.of(5), Optional.of(NOW.plusMillis(1))), StoreFixture.NO_CAP, StoreFixture.START);

        assertThat(store.redeemInvite("ops", "tok", "carol", NOW)).isInstanceOf(Redemption.Redeemed.class);
    }

    @Test
    void redeemInvite_zeroUses_refusedAndStillListed() {
        store.createInvite(invite("tok", OptionalLong.of(0), Optional.empty()), StoreFixture.NO_CAP, StoreFixture.START);

        Redemption result = store.redeemInvite("ops", "tok", "carol", NOW);

        assertThat(result).isInstanceOf(Redemption.Exhausted.class);
        assertThat(store.listInvites("ops")).extracting(InviteRecord::token).containsExactly("tok");
        assertThat(store.isMember("ops", "carol")).isFalse();
    }

    @Test
    void redeemInvite_revokedToken_refused() {
        store.createInvite(invite("tok", OptionalLong.of(1), Optional.empty()), StoreFixture.NO_CAP, StoreFixture.START);
        store.deleteInvite("tok");

        assertThat(store.redeemInvite("ops", "tok", "carol", NOW)).isInstanceOf(Redemption.UnknownToken.class);
        assertThat(store.isMember("ops", "carol")).isFalse();
    }

    @Test
    void redeemInvite_unknownToken_refused() {
        assertThat(store.redeemInvite("ops", "never-minted", "carol", NOW))
                .isInstanceOf(Redemption.UnknownToken.class);
    }

    @Test
    void redeemInvite_tokenOfAnotherChannel_refusedAndUntouched() {
        store.createInvite(invite("tok", OptionalLong.of(1), Optional.of(Instant.EPOCH)), StoreFixture.NO_CAP, StoreFixture.START);

        Redemption result = store.redeemInvite("lobby", "tok", "carol", NOW);

        assertThat(result).isInstanceOf(Redemption.UnknownToken.class);
        assertThat(store.findInvite("tok")).map(InviteRecord::usesRemaining).contains(OptionalLong.of(1));
        assertThat(store.isMember("lobby", "carol")).isFalse();
    }

    @Test
    void redeemInvite_absentChannel_refused() {
        assertThat(store.redeemInvite("nope", "tok", "carol", NOW)).isInstanceOf(Redemption.UnknownToken.class);
    }

    @Test
    void inviteRecord_toString_hidesTheToken() {
        InviteRecord invite = invite("super-secret-token", OptionalLong.of(1), Optional.empty());

        assertThat(invite.toString()).doesNotContain("super-secret-token").contains("redacted");
    }

    @Test
    void inviteRecord_negativeUses_rejected() {
        assertThatThrownBy(() -> invite("tok", OptionalLong.of(-1), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invite uses must not be negative");
    }

    @Test
    void inviteRecord_expiryBeyondEpochMilliseconds_rejected() {
        assertThatThrownBy(() -> invite("tok", OptionalLong.empty(), Optional.of(Instant.MAX)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invite expiry is too far in the future");
    }

    private static InviteRecord invite(String token, OptionalLong uses, Optional<Instant> expiresAt) {
        return new InviteRecord(token, "ops", uses, expiresAt, "aaron");
    }
}
