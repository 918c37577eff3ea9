package conclave.store;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.Ed25519PublicKey;
import conclave.identity.SigningKey;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MachinesTest extends StoreContract {
    private final Ed25519PublicKey workstation = SigningKey.generate().publicKey();
    private final Ed25519PublicKey laptop = SigningKey.generate().publicKey();
    private Store store;

    @BeforeEach
    void registerAaron() {
        store = fixture.store();
        store.register("aaron", "workstation", workstation);
    }

    @Test
    void addMachine_newNameAndKey_isFoundByKeyWithItsAddTime() {
        fixture.clock.advance(Duration.ofMinutes(5));

        MachineAddResult result = store.addMachine("aaron", "laptop", laptop);

        assertThat(result).isEqualTo(MachineAddResult.ADDED);
        assertThat(store.findMachine(laptop)).contains(
                new MachineRecord("aaron", "laptop", laptop, StoreFixture.START.plus(Duration.ofMinutes(5))));
    }

    @Test
    void addMachine_keyEnrolledUnderAnotherUser_refusedBecauseKeysAreGloballyUnique() {
        store.register("bob", "desk", laptop);

        MachineAddResult result = store.addMachine("aaron", "laptop", laptop);

        assertThat(result).isEqualTo(MachineAddResult.KEY_ALREADY_ENROLLED);
        assertThat(store.findMachine(laptop)).map(MachineRecord::username).contains("bob");
    }

    @Test
    void addMachine_keyEnrolledUnderTheSameUser_refused() {
        assertThat(store.addMachine("aaron", "again", workstation)).isEqualTo(MachineAddResult.KEY_ALREADY_ENROLLED);
    }

    @Test
    void addMachine_nameTakenByTheSameUser_refused() {
        MachineAddResult result = store.addMachine("aaron", "workstation", laptop);

        assertThat(result).isEqualTo(MachineAddResult.NAME_TAKEN);
        assertThat(store.findMachine(laptop)).isEmpty();
    }

    @Test
    void addMachine_nameUsedByAnotherUser_accepted() {
        store.register("bob", "desk", SigningKey.generate().publicKey());

        MachineAddResult result = store.addMachine("bob", "workstation", laptop);

        assertThat(result).isEqualTo(MachineAddResult.ADDED);
        assertThat(store.listMachines("bob")).extracting(MachineRecord::name).containsExactly("desk", "workstation");
    }

    @Test
    void addMachine_unknownUser_refused() {
        assertThat(store.addMachine("ghost", "box", laptop)).isEqualTo(MachineAddResult.NO_SUCH_USER);
        assertThat(store.findMachine(laptop)).isEmpty();
    }

    @Test
    void listMachines_severalMachines_sortedByName() {
        store.addMachine("aaron", "laptop", laptop);
        store.addMachine("aaron", "build-box", SigningKey.generate().publicKey());

        assertThat(store.listMachines("aaron"))
                .extracting(MachineRecord::name)
                .containsExactly("build-box", "laptop", "workstation");
    }

    @Test
    void listMachines_unknownUser_isEmpty() {
        assertThat(store.listMachines("ghost")).isEmpty();
    }

    @Test
    void removeMachine_existing_keyIsNoLongerKnown() {
        store.addMachine("aaron", "laptop", laptop);

        boolean removed = store.removeMachine("aaron", "workstation");

        assertThat(removed).isTrue();
        assertThat(store.findMachine(workstation)).isEmpty();
        assertThat(store.listMachines("aaron")).extracting(MachineRecord::name).containsExactly("laptop");
    }

    @Test
    void removeMachine_lastMachine_keepsTheUser() {
        store.removeMachine("aaron", "workstation");

        assertThat(store.findUser("aaron")).isPresent();
        assertThat(store.listMachines("aaron")).isEmpty();
    }

    @Test
    void removeMachine_sameNameOfAnotherUser_leavesThatOneAlone() {
        store.register("bob", "workstation", laptop);

        boolean removed = store.removeMachine("aaron", "workstation");

        assertThat(removed).isTrue();
        assertThat(store.findMachine(laptop)).map(MachineRecord::username).contains("bob");
    }

    @Test
    void removeMachine_unknownName_returnsFalse() {
        assertThat(store.removeMachine("aaron", "nope")).isFalse();
        assertThat(store.listMachines("aaron")).hasSize(1);
    }

    @Test
    void addMachine_removedKey_canBeEnrolledAgain() {
        store.removeMachine("aaron", "workstation");

        assertThat(store.addMachine("aaron", "workstation", workstation)).isEqualTo(MachineAddResult.ADDED);
    }
}
