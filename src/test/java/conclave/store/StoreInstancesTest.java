package conclave.store;

import static conclave.store.ChannelsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

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
 * Four stores on one database, as four servers would have, raced by real threads: every guarantee
 * that holds within one store holds across them.
 */
class StoreInstancesTest extends StoreContract {
    private static final int INSTANCES = 4;
    private static final Instant NOW = StoreFixture.START;

    private final List<Store> stores = new ArrayList<>();

    @BeforeEach
    void openInstances() {
        stores.add(fixture.store());
        for (int i = 1; i < INSTANCES; i++) {
            stores.add(fixture.openAnother());
        }
        fixture.store().createChannel("ops", Visibility.PRIVATE, "aaron", StoreFixture.NO_CAP);
    }

    private Store instance(int thread) {
        return stores.get(thread % INSTANCES);
    }

    @Test
    void redeemInvite_16RedeemersOn4InstancesOfASingleUseInvite_exactlyOneAdmitted() throws Exception {
        instance(1).createInvite(new InviteRecord("tok", "ops", OptionalLong.of(1), Optional.empty(), "aaron"), StoreFixture.NO_CAP, StoreFixture.START);

        List<Redemption> outcomes = Concurrently.run(16, i -> instance(i).redeemInvite("ops", "tok", "user" + i, NOW));

        assertThat(outcomes).filteredOn(Redemption.Redeemed.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof Redemption.Redeemed))
                .allMatch(o -> o instanceof Redemption.Exhausted || o instanceof Redemption.UnknownToken);
        assertThat(instance(2).listMembers("ops")).hasSize(2).contains("aaron");
        assertThat(instance(3).findInvite("tok")).isEmpty();
    }

    @Test
    void redeemInvite_fiveUsesAnd16RedeemersOn4Instances_exactlyFiveAdmitted() throws Exception {
        instance(1).createInvite(new InviteRecord("tok", "ops", OptionalLong.of(5), Optional.empty(), "aaron"), StoreFixture.NO_CAP, StoreFixture.START);

        List<Redemption> outcomes = Concurrently.run(16, i -> instance(i).redeemInvite("ops", "tok", "user" + i, NOW));

        assertThat(outcomes).filteredOn(Redemption.Redeemed.class::isInstance).hasSize(5);
        assertThat(instance(0).listMembers("ops")).hasSize(6);
    }

    @Test
    void grantMembershipAndRedeem_oneUserOn4InstancesAtOnce_oneMembershipRow() throws Exception {
        instance(1).createInvite(new InviteRecord("tok", "ops", OptionalLong.empty(), Optional.empty(), "aaron"), StoreFixture.NO_CAP, StoreFixture.START);

        List<Boolean> admitted = Concurrently.run(16, i -> i % 2 == 0
                ? instance(i).grantMembership("ops", "bella")
                : instance(i).redeemInvite("ops", "tok", "bella", NOW) instanceof Redemption.Redeemed);

        assertThat(admitted).containsOnly(true);
        assertThat(instance(3).listMembers("ops")).containsExactly("aaron", "bella");
    }

    @Test
    void register_16RegistrationsOfOneNameOn4Instances_exactlyOneWinsTheRestAreTold() throws Exception {
        List<RegisterResult> outcomes = Concurrently.run(16,
                i -> instance(i).register("aaron", "box" + i, SigningKey.generate().publicKey()));

        assertThat(outcomes).filteredOn(RegisterResult.REGISTERED::equals).hasSize(1);
        assertThat(outcomes).filteredOn(RegisterResult.USERNAME_TAKEN::equals).hasSize(15);
        assertThat(instance(2).listMachines("aaron")).hasSize(1);
    }

    @Test
    void addMachine_16AddsOfOneMachineNameOn4Instances_exactlyOneAdded() throws Exception {
        instance(0).register("aaron", "workstation", SigningKey.generate().publicKey());

        List<MachineAddResult> outcomes = Concurrently.run(16,
                i -> instance(i).addMachine("aaron", "laptop", SigningKey.generate().publicKey()));

        assertThat(outcomes).filteredOn(MachineAddResult.ADDED::equals).hasSize(1);
        assertThat(outcomes).filteredOn(MachineAddResult.NAME_TAKEN::equals).hasSize(15);
        assertThat(instance(1).listMachines("aaron")).extracting(MachineRecord::name).containsExactly("laptop", "workstation");
    }

    @Test
    void createChannel_16CreatesOfOneNameOn4Instances_exactlyOneCreated() throws Exception {
        List<ChannelCreateResult> outcomes = Concurrently.run(16,
                i -> instance(i).createChannel("lobby", Visibility.PUBLIC, "user" + i, StoreFixture.NO_CAP));

        assertThat(outcomes).filteredOn(ChannelCreateResult.CREATED::equals).hasSize(1);
        assertThat(outcomes).filteredOn(ChannelCreateResult.NAME_TAKEN::equals).hasSize(15);
        String creator = instance(3).findChannel("lobby").orElseThrow().createdBy();
        assertThat(instance(2).listMembers("lobby")).containsExactly(creator);
    }

    @Test
    void createChannel_16CreatorsOfOneUserOn4Instances_neverOvershootTheCap() throws Exception {
        List<ChannelCreateResult> outcomes = Concurrently.run(16,
                i -> instance(i).createChannel("room" + i, Visibility.PUBLIC, "carol", 5));

        assertThat(outcomes).filteredOn(ChannelCreateResult.CREATED::equals).hasSize(5);
        assertThat(outcomes).filteredOn(ChannelCreateResult.LIMIT_REACHED::equals).hasSize(11);
        assertThat(instance(2).listChannels()).filteredOn(channel -> channel.createdBy().equals("carol")).hasSize(5);
    }

    @Test
    void renameChannel_eightChannelsToOneNameOn4Instances_exactlyOneRenamed() throws Exception {
        for (int i = 0; i < 8; i++) {
            instance(0).createChannel("room" + i, Visibility.PUBLIC, "aaron", StoreFixture.NO_CAP);
        }

        List<ChannelRenameResult> outcomes = Concurrently.run(8, i -> instance(i).renameChannel("room" + i, "hall"));

        assertThat(outcomes).filteredOn(ChannelRenameResult.RENAMED::equals).hasSize(1);
        assertThat(outcomes).filteredOn(ChannelRenameResult.NAME_TAKEN::equals).hasSize(7);
        assertThat(instance(1).listChannels()).extracting(ChannelRecord::name).hasSize(9).contains("hall");
    }

    @Test
    void appendMessage_eightThreadsOn4InstancesAtOneFrozenMillisecond_strictlyIncreasingWithoutDuplicates()
            throws Exception {
        List<List<Long>> perThread = Concurrently.run(8, i -> {
            List<Long> stamps = new ArrayList<>();
            for (int n = 0; n < 25; n++) {
                stamps.add(instance(i).appendMessage("ops", "user" + i + "/box/s", bytes("m" + n), 1_000).orElseThrow());
            }
            return stamps;
        });

        List<Long> all = perThread.stream().flatMap(List::stream).sorted().toList();
        assertThat(all).containsExactlyElementsOf(LongStream.range(1_000, 1_200).boxed().toList());
        perThread.forEach(stamps -> assertThat(stamps).isSorted());
        assertThat(instance(3).readSince("ops", 0, 500, 0)).extracting(MessageRecord::tsMs).containsExactlyElementsOf(all);
    }

    @Test
    void instanceId_firstCallsOn4Instances_agreeOnOneServerId() throws Exception {
        List<String> ids = Concurrently.run(16, i -> instance(i).instanceId());

        assertThat(ids).hasSize(16).containsOnly(ids.get(0));
    }
}
