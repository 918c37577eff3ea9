package conclave.store;

import static conclave.store.ChannelsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whisper inbox of the {@code inbox} extension. */
class InboxTest extends StoreContract {
    private static final String ALICE = "alice/box/s1";
    private static final String BOB_DESK = "bob/desk/agent";
    private Store store;

    @BeforeEach
    void open() {
        store = fixture.store();
    }

    private long queue(String recipient, String body, long nowMs) {
        String user = recipient.split("/", -1)[0];
        return store.queueInboxWhisper(recipient, user, ALICE, bytes(body), nowMs, 3).orElseThrow();
    }

    @Test
    void queue_thenClaim_returnsPathAndUsernameWhispersOldestFirst() {
        long first = queue(BOB_DESK, "one", 1_000);
        long second = queue("bob", "two", 2_000);
        queue("bob/desk/other", "not for this session", 3_000);

        List<InboxWhisperRecord> claimed = store.claimInboxWhispers(BOB_DESK, "bob", 5_000, 0);

        assertThat(claimed).containsExactly(
                new InboxWhisperRecord(first, BOB_DESK, ALICE, bytes("one"), 1_000),
                new InboxWhisperRecord(second, "bob", ALICE, bytes("two"), 2_000));
    }

    @Test
    void claim_twice_handsEachWhisperOutOnce() {
        queue("bob", "one", 1_000);

        assertThat(store.claimInboxWhispers(BOB_DESK, "bob", 2_000, 0)).hasSize(1);
        assertThat(store.claimInboxWhispers("bob/laptop/x", "bob", 3_000, 0)).isEmpty();
    }

    @Test
    void claim_olderThanRetention_isNotHandedOut() {
        queue(BOB_DESK, "old", 1_000);
        queue(BOB_DESK, "fresh", 2_000);

        List<InboxWhisperRecord> claimed = store.claimInboxWhispers(BOB_DESK, "bob", 9_000, 2_000);

        assertThat(claimed).extracting(InboxWhisperRecord::queuedAtMs).containsExactly(2_000L);
    }

    @Test
    void queue_atCap_isRefused_belowCapAfterDelivery_isAccepted() {
        queue(BOB_DESK, "1", 1);
        queue("bob", "2", 2);
        queue("bob/laptop/x", "3", 3);

        assertThat(store.queueInboxWhisper(BOB_DESK, "bob", ALICE, bytes("4"), 4, 3)).isEmpty();
        assertThat(store.queueInboxWhisper("carol", "carol", ALICE, bytes("4"), 4, 3)).isPresent();
        store.claimInboxWhispers(BOB_DESK, "bob", 5, 0);
        assertThat(store.queueInboxWhisper(BOB_DESK, "bob", ALICE, bytes("5"), 6, 3)).isPresent();
    }

    @Test
    void markRead_delivered_returnsTheSenderOnce() {
        long id = queue(BOB_DESK, "one", 1_000);
        store.claimInboxWhispers(BOB_DESK, "bob", 2_000, 0);

        assertThat(store.markInboxWhisperRead(id, "bob")).contains(ALICE);
        assertThat(store.markInboxWhisperRead(id, "bob")).isEmpty();
    }

    @Test
    void markRead_undeliveredOrOtherUsers_isRefused() {
        long id = queue(BOB_DESK, "one", 1_000);

        assertThat(store.markInboxWhisperRead(id, "bob")).isEmpty();
        store.claimInboxWhispers(BOB_DESK, "bob", 2_000, 0);
        assertThat(store.markInboxWhisperRead(id, "mallory")).isEmpty();
        assertThat(store.markInboxWhisperRead(id + 1, "bob")).isEmpty();
    }

    @Test
    void purge_deletesOnlyOlderThanTheCutoff() {
        queue(BOB_DESK, "old", 1_000);
        long delivered = queue(BOB_DESK, "old, delivered", 1_500);
        store.claimInboxWhispers(BOB_DESK, "bob", 1_600, 0);
        queue(BOB_DESK, "fresh", 3_000);

        assertThat(store.purgeInboxWhispersOlderThan(2_000)).isEqualTo(2);
        assertThat(store.markInboxWhisperRead(delivered, "bob")).isEmpty();
        assertThat(store.claimInboxWhispers(BOB_DESK, "bob", 4_000, 0))
                .extracting(InboxWhisperRecord::queuedAtMs).containsExactly(3_000L);
    }

    @Test
    void queue_isDurableAcrossReopen() {
        long id = queue("bob", "kept", 1_000);

        Store reopened = fixture.reopen();

        assertThat(reopened.claimInboxWhispers(BOB_DESK, "bob", 2_000, 0))
                .extracting(InboxWhisperRecord::id).containsExactly(id);
    }

    @Test
    void removeUser_dropsTheWhispersQueuedForThem() {
        store.register("bob", "desk", SigningKey.generate().publicKey());
        queue(BOB_DESK, "one", 1_000);
        queue("bob", "two", 1_000);

        store.removeUser("bob");

        assertThat(store.claimInboxWhispers(BOB_DESK, "bob", 2_000, 0)).isEmpty();
    }
}
