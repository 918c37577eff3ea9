package conclave.store;

import static conclave.store.ChannelsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.Visibility;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code --ephemeral} store: the same SqliteStore on a private in-memory database. */
class InMemoryStoreTest {
    private final MutableClock clock = new MutableClock(StoreFixture.START);
    private final SqliteStore store = SqliteStore.inMemory(clock);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void inMemory_freshStore_isMigratedAndEmpty() {
        assertThat(store.listUsernames()).isEmpty();
        assertThat(store.listChannels()).isEmpty();
    }

    @Test
    void inMemory_registerCreateJoinPostRead_worksLikeTheFileStore() {
        store.register("aaron", "workstation", SigningKey.generate().publicKey());
        store.createChannel("lobby", Visibility.PUBLIC, "aaron", StoreFixture.NO_CAP);
        store.grantMembership("lobby", "bob");
        long ts = store.appendMessage("lobby", "aaron/workstation/s", bytes("hi"), 1_000).orElseThrow();

        assertThat(store.listMembers("lobby")).containsExactly("aaron", "bob");
        assertThat(store.readSince("lobby", 0, 500, 0)).containsExactly(new MessageRecord("aaron/workstation/s", bytes("hi"), ts));
    }

    @Test
    void inMemory_twoStores_doNotShareData() {
        store.createChannel("lobby", Visibility.PUBLIC, "aaron", StoreFixture.NO_CAP);

        try (SqliteStore other = SqliteStore.inMemory(clock)) {
            assertThat(other.listChannels()).isEmpty();
            assertThat(other.instanceId()).isNotEqualTo(store.instanceId());
        }
    }

    @Test
    void inMemory_16ConcurrentRedeemersOfASingleUseInvite_exactlyOneAdmitted() throws Exception {
        store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);
        store.createInvite(new InviteRecord("tok", "ops", OptionalLong.of(1), Optional.empty(), "aaron"), StoreFixture.NO_CAP, StoreFixture.START);

        List<Redemption> outcomes = Concurrently.run(16, i -> store.redeemInvite("ops", "tok", "user" + i, Instant.EPOCH));

        assertThat(outcomes).filteredOn(Redemption.Redeemed.class::isInstance).hasSize(1);
        assertThat(store.listMembers("ops")).hasSize(2);
    }

    @Test
    void inMemory_concurrentAppendsAndReads_stayOrderedWithoutDuplicates() throws Exception {
        store.createChannel("lobby", Visibility.PUBLIC, "aaron", StoreFixture.NO_CAP);

        Concurrently.run(6, i -> {
            for (int n = 0; n < 20; n++) {
                store.appendMessage("lobby", "u" + i + "/m/s", bytes("m"), 7);
                store.readSince("lobby", 0, 500, 0);
            }
            return null;
        });

        assertThat(store.readSince("lobby", 0, 500, 0))
                .extracting(MessageRecord::tsMs)
                .hasSize(120)
                .doesNotHaveDuplicates()
                .isSorted();
    }

    @Test
    void inMemory_registerWithAnEnrolledKey_rollsBackAsOnDisk() {
        var key = SigningKey.generate().publicKey();
        store.register("aaron", "workstation", key);

        assertThat(store.register("mallory", "box", key)).isEqualTo(RegisterResult.KEY_ALREADY_ENROLLED);
        assertThat(store.findUser("mallory")).isEmpty();
    }
}
