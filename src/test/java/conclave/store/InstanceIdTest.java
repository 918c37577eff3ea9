package conclave.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceIdTest extends StoreContract {
    @Test
    void instanceId_firstCall_isA32CharacterToken() {
        assertThat(fixture.store().instanceId()).matches("[A-Za-z0-9_-]{32}");
    }

    @Test
    void instanceId_calledTwice_isStable() {
        String first = fixture.store().instanceId();

        assertThat(fixture.store().instanceId()).isEqualTo(first);
    }

    @Test
    void instanceId_afterReopeningTheSameDatabase_isUnchanged() {
        String first = fixture.store().instanceId();

        Store reopened = fixture.reopen();

        assertThat(reopened.instanceId()).isEqualTo(first);
    }

    @Test
    void instanceId_concurrentFirstBootsOfTwoStoresOnOneDatabase_converge() throws Exception {
        Store[] stores = {fixture.store(), fixture.openAnother()};

        List<String> ids = Concurrently.run(8, i -> stores[i % 2].instanceId());

        assertThat(ids).hasSize(8).containsOnly(ids.get(0));
    }

    @Test
    void instanceId_ofAnotherDatabase_differs() {
        try (SqliteStore other = SqliteStore.inMemory(InstantSource.system())) {
            assertThat(other.instanceId()).isNotEqualTo(fixture.store().instanceId());
        }
    }
}
