package conclave.store;

import static conclave.store.ChannelsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.Ed25519PublicKey;
import conclave.identity.SigningKey;
import conclave.protocol.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads on one store: the single writer and the reader connections keep every guarantee
 * under contention (scenarios 45 and 46 among them).
 */
class StoreConcurrencyTest extends StoreContract {
    private static final Instant NOW = StoreFixture.START;
    private Store store;

    @BeforeEach
    void createChannel() {
        store = fixture.store();
        store.createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);
    }

    @Test
    void redeemInvite_16ConcurrentRedeemersOfASingleUseInvite_exactlyOneAdmitted() throws Exception {
        store.createInvite(new InviteRecord("tok", "ops", OptionalLong.of(1), Optional.empty(), "aaron"), StoreFixture.NO_CAP, StoreFixture.START);

        List<Redemption> outcomes = Concurrently.run(16, i -> store.redeemInvite("ops", "tok", "user" + i, NOW));

        assertThat(outcomes).filteredOn(Redemption.Redeemed.class::isInstance).hasSize(1);
        assertThat(store.listMembers("ops")).hasSize(2).contains("aaron");
        assertThat(store.findInvite("tok")).isEmpty();
    }

    @Test
    void redeemInvite_12ConcurrentJoinersWithAnUnlimitedInvite_allBecomeMembers() throws Exception {
        store.createInvite(new InviteRecord("tok", "ops", OptionalLong.empty(), Optional.empty(), "aaron"), StoreFixture.NO_CAP, StoreFixture.START);

        List<Redemption> outcomes = Concurrently.run(12, i -> store.redeemInvite("ops", "tok", "user" + i, NOW));

        assertThat(outcomes).allMatch(Redemption.Redeemed.class::isInstance);
        assertThat(store.listMembers("ops")).hasSize(13);
    }

    @Test
    void redeemInvite_fiveUsesAnd16Redeemers_exactlyFiveAdmitted() throws Exception {
        store.createInvite(new InviteRecord("tok", "ops", OptionalLong.of(5), Optional.empty(), "aaron"), StoreFixture.NO_CAP, StoreFixture.START);

        List<Redemption> outcomes = Concurrently.run(16, i -> store.redeemInvite("ops", "tok", "user" + i, NOW));

        assertThat(outcomes).filteredOn(Redemption.Redeemed.class::isInstance).hasSize(5);
        assertThat(store.listMembers("ops")).hasSize(6);
    }

    @Test
    void appendLinkedMessage_eightThreadsAtOnce_eachNamesItsTruePredecessor() throws Exception {
        List<List<AppendedMessage>> perThread = Concurrently.run(8, i -> {
            List<AppendedMessage> appended = new ArrayList<>();
            for (int n = 0; n < 40; n++) {
                appended.add(store.appendLinkedMessage("ops", "user" + i + "/box/s", bytes("m" + n), 1_000).orElseThrow());
            }
            return appended;
        });

        List<AppendedMessage> all = perThread.stream().flatMap(List::stream)
                .sorted(java.util.Comparator.comparingLong(AppendedMessage::tsMs))
                .toList();
        assertThat(all).hasSize(320);
        long previous = 0;
        for (AppendedMessage message : all) {
            assertThat(message.previousTsMs()).as("predecessor of %s", message.tsMs()).isEqualTo(previous);
            previous = message.tsMs();
        }
    }

    @Test
    void appendMessage_eightThreadsAtOneFrozenMillisecond_strictlyIncreasingWithoutDuplicates() throws Exception {
        List<List<Long>> perThread = Concurrently.run(8, i -> {
            List<Long> stamps = new ArrayList<>();
            for (int n = 0; n < 40; n++) {
                stamps.add(store.appendMessage("ops", "user" + i + "/box/s", bytes("m" + n), 1_000).orElseThrow());
            }
            return stamps;
        });

        List<Long> all = perThread.stream().flatMap(List::stream).sorted().toList();
        assertThat(all).doesNotHaveDuplicates().hasSize(320);
        assertThat(all).containsExactlyElementsOf(LongStream.range(1_000, 1_320).boxed().toList());
        perThread.forEach(stamps -> assertThat(stamps).isSorted());
        assertThat(store.readSince("ops", 0, 500, 0)).extracting(MessageRecord::tsMs).containsExactlyElementsOf(all);
    }

    @Test
    void readSince_whileOtherThreadsAppend_everyWriterReadsItsOwnRowAndPagesStayOrdered() throws Exception {
        List<Boolean> checks = Concurrently.run(8, i -> {
            boolean ok = true;
            for (int n = 0; n < 25; n++) {
                if (i % 2 == 0) {
                    long ts = store.appendMessage("ops", "writer" + i + "/box/s", bytes("m" + n), 5_000).orElseThrow();
                    ok &= store.readSince("ops", ts - 1, 1, 0).get(0).tsMs() == ts;
                } else {
                    List<Long> page = store.readSince("ops", 0, 500, 0).stream().map(MessageRecord::tsMs).toList();
                    ok &= page.equals(page.stream().sorted().distinct().toList());
                }
            }
            return ok;
        });

        assertThat(checks).containsOnly(true);
        assertThat(store.readSince("ops", 0, 500, 0)).hasSize(100);
    }

    @Test
    void register_eightUsernamesRacingForOneKey_exactlyOneUserAndNoOrphans() throws Exception {
        Ed25519PublicKey shared = SigningKey.generate().publicKey();

        List<RegisterResult> outcomes = Concurrently.run(8, i -> store.register("user" + i, "box", shared));

        assertThat(outcomes).filteredOn(RegisterResult.REGISTERED::equals).hasSize(1);
        assertThat(outcomes).filteredOn(RegisterResult.KEY_ALREADY_ENROLLED::equals).hasSize(7);
        assertThat(store.listUsernames()).hasSize(1);
    }

    @Test
    void createChannel_16ConcurrentCreatorsOfOneUserAtCapFive_exactlyFiveCreated() throws Exception {
        List<ChannelCreateResult> outcomes =
                Concurrently.run(16, i -> store.createChannel("room" + i, Visibility.PUBLIC, "bob", 5));

        assertThat(outcomes).filteredOn(ChannelCreateResult.CREATED::equals).hasSize(5);
        assertThat(outcomes).filteredOn(ChannelCreateResult.LIMIT_REACHED::equals).hasSize(11);
        assertThat(store.listChannels()).filteredOn(channel -> channel.createdBy().equals("bob")).hasSize(5);
    }

    @Test
    void createInvite_16ConcurrentCreatorsOnOneChannelAtCapFive_exactlyFiveStored() throws Exception {
        List<InviteCreateResult> outcomes = Concurrently.run(16, i -> store.createInvite(
                new InviteRecord("tok" + i, "ops", OptionalLong.empty(), Optional.empty(), "aaron"), 5, NOW));

        assertThat(outcomes).filteredOn(InviteCreateResult.CREATED::equals).hasSize(5);
        assertThat(outcomes).filteredOn(InviteCreateResult.LIMIT_REACHED::equals).hasSize(11);
        assertThat(store.listInvites("ops")).hasSize(5);
    }

    @Test
    void grantMembership_20ConcurrentGrantsOnOneChannel_noneLost() throws Exception {
        Concurrently.run(20, i -> store.grantMembership("ops", "user" + i));

        assertThat(store.listMembers("ops")).hasSize(21);
    }
}
