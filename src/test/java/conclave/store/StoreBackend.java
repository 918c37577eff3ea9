package conclave.store;

/** The databases the {@link Store} contract runs against. */
enum StoreBackend {
    SQLITE {
        @Override
        StoreFixture start() {
            SqliteFixture fixture = new SqliteFixture();
            fixture.start();
            return fixture;
        }
    },
    POSTGRESQL {
        @Override
        StoreFixture start() {
            PostgresFixture fixture = new PostgresFixture();
            fixture.startEmpty();
            return fixture;
        }
    };

    /** A fixture with its first store open on an empty database. */
    abstract StoreFixture start();
}
