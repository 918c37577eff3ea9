package conclave.store;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link Store} contract: every test class extending this runs once per {@link StoreBackend}
 * (SQLite and a real PostgreSQL), each test on a fresh, empty {@link #fixture}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
abstract class StoreContract {
    @Parameter
    StoreBackend backend;

    StoreFixture fixture;

    @BeforeEach
    final void startFixture() {
        fixture = backend.start();
    }

    @AfterEach
    final void closeFixture() throws IOException {
        fixture.close();
    }
}
