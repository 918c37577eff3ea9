package conclave.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InstanceIdTest {
    @RegisterExtension
    final StoreFixture fixture = new StoreFixture();

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
    void instanceId_afterReopeningTheSameDataDir_isUnchanged() {
        String first = fixture.store().instanceId();

        Store reopened = fixture.reopen();

        assertThat(reopened.instanceId()).isEqualTo(first);
    }

    @Test
    void instanceId_concurrentFirstBootsOfTwoStoresOnOneFile_converge() throws Exception {
        try (SqliteStore second = SqliteStore.open(fixture.dataDir(), InstantSource.system())) {
            Store[] stores = {fixture.store(), second};

            List<String> ids = Concurrently.run(8, i -> stores[i % 2].instanceId());

            assertThat(ids).hasSize(8).containsOnly(ids.get(0));
        }
    }

    @Test
    void instanceId_ofAnotherDataDir_differs() {
        try (SqliteStore other = SqliteStore.inMemory(InstantSource.system())) {
            assertThat(other.instanceId()).isNotEqualTo(fixture.store().instanceId());
        }
    }
}
