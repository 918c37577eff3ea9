package conclave.store;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.Ed25519PublicKey;
import conclave.identity.SigningKey;
import org.junit.jupiter.api.Test;

class UsersTest extends StoreContract {
    private final Ed25519PublicKey aaronKey = SigningKey.generate().publicKey();

    @Test
    void register_newUser_createsUserAndFirstMachine() {
        Store store = fixture.store();

        RegisterResult result = store.register("aaron", "workstation", aaronKey);

        assertThat(result).isEqualTo(RegisterResult.REGISTERED);
        assertThat(store.findUser("aaron")).contains(new UserRecord("aaron", StoreFixture.START));
        assertThat(store.findMachine(aaronKey))
                .contains(new MachineRecord("aaron", "workstation", aaronKey, StoreFixture.START));
    }

    @Test
    void findUser_unknownName_isEmpty() {
        assertThat(fixture.store().findUser("nobody")).isEmpty();
    }

    @Test
    void findUser_differentCase_isEmptyBecauseNamesAreExact() {
        fixture.store().register("aaron", "workstation", aaronKey);

        assertThat(fixture.store().findUser("Aaron")).isEmpty();
    }

    @Test
    void register_takenUsername_refusedAndNothingWritten() {
        Store store = fixture.store();
        store.register("aaron", "workstation", aaronKey);
        Ed25519PublicKey otherKey = SigningKey.generate().publicKey();

        RegisterResult result = store.register("aaron", "laptop", otherKey);

        assertThat(result).isEqualTo(RegisterResult.USERNAME_TAKEN);
        assertThat(store.findMachine(otherKey)).isEmpty();
        assertThat(store.listMachines("aaron")).extracting(MachineRecord::name).containsExactly("workstation");
    }

    @Test
    void register_keyEnrolledUnderAnotherUser_rollsBackTheUserRow() {
        Store store = fixture.store();
        store.register("aaron", "workstation", aaronKey);

        RegisterResult result = store.register("mallory", "box", aaronKey);

        assertThat(result).isEqualTo(RegisterResult.KEY_ALREADY_ENROLLED);
        assertThat(store.findUser("mallory")).isEmpty();
        assertThat(store.listUsernames()).containsExactly("aaron");
    }

    @Test
    void register_afterARefusal_theNameIsStillClaimable() {
        Store store = fixture.store();
        store.register("aaron", "workstation", aaronKey);
        store.register("mallory", "box", aaronKey);
        Ed25519PublicKey malloryKey = SigningKey.generate().publicKey();

        RegisterResult result = store.register("mallory", "box", malloryKey);

        assertThat(result).isEqualTo(RegisterResult.REGISTERED);
        assertThat(store.findMachine(malloryKey)).map(MachineRecord::username).contains("mallory");
    }

    @Test
    void listUsernames_severalUsers_sortedByName() {
        Store store = fixture.store();
        store.register("carol", "m", SigningKey.generate().publicKey());
        store.register("aaron", "m", SigningKey.generate().publicKey());
        store.register("bob", "m", SigningKey.generate().publicKey());

        assertThat(store.listUsernames()).containsExactly("aaron", "bob", "carol");
    }

    @Test
    void removeUser_registeredUser_deletesTheUserAndTheirMachines() {
        Store store = fixture.store();
        store.register("aaron", "workstation", aaronKey);
        store.register("bob", "m", SigningKey.generate().publicKey());

        UserRemoval removal = store.removeUser("aaron");

        assertThat(removal.userExisted()).isTrue();
        assertThat(store.listUsernames()).containsExactly("bob");
        assertThat(store.findMachine(aaronKey)).isEmpty();
        assertThat(store.listMachines("aaron")).isEmpty();
    }

    @Test
    void removeUser_unknownName_changesNothing() {
        Store store = fixture.store();
        store.register("aaron", "workstation", aaronKey);

        UserRemoval removal = store.removeUser("ghost");

        assertThat(removal).isEqualTo(new UserRemoval(false, java.util.List.of()));
        assertThat(store.listUsernames()).containsExactly("aaron");
    }

    @Test
    void register_afterRemoval_theNameAndKeyAreFreeAgain() {
        Store store = fixture.store();
        store.register("aaron", "workstation", aaronKey);
        store.removeUser("aaron");

        assertThat(store.register("aaron", "workstation", aaronKey)).isEqualTo(RegisterResult.REGISTERED);
    }

    @Test
    void register_thenReopen_userAndMachineAreStillThere() {
        fixture.store().register("aaron", "workstation", aaronKey);

        Store reopened = fixture.reopen();

        assertThat(reopened.findUser("aaron")).isPresent();
        assertThat(reopened.findMachine(aaronKey)).map(MachineRecord::name).contains("workstation");
    }
}
