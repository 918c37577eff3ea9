package conclave.store;

import static conclave.store.ChannelsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import conclave.identity.SigningKey;
import conclave.protocol.Visibility;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Opening, migrating, failing and closing the SQLite store itself. */
class SqliteStoreTest {
    @RegisterExtension
    final SqliteFixture fixture = new SqliteFixture();

    @TempDir
    Path scratch;

    @Test
    void open_missingDataDirectory_createsItAndTheDatabaseFile() {
        Path dataDir = scratch.resolve("deep/data");

        try (SqliteStore store = SqliteStore.open(dataDir, InstantSource.system())) {
            store.createChannel("lobby", Visibility.PUBLIC, "aaron", StoreFixture.NO_CAP);
        }

        assertThat(dataDir.resolve(SqliteStore.FILE_NAME)).isRegularFile();
    }

    @Test
    void open_databaseFile_isInWalModeWithTheSchemaMigratedOnce() throws Exception {
        fixture.reopen();

        try (Connection raw = rawConnection(); Statement statement = raw.createStatement()) {
            assertThat(single(statement, "PRAGMA journal_mode")).isEqualTo("wal");
            // V1 (schema) and V2 (whisper inbox), each applied once although the store was opened twice
            assertThat(single(statement, "SELECT count(*) FROM flyway_schema_history WHERE success = 1")).isEqualTo("2");
            assertThat(single(statement, "SELECT count(DISTINCT version) FROM flyway_schema_history")).isEqualTo("2");
        }
    }

    @Test
    void open_dataDirectoryIsAFile_failsNamingTheDirectory() throws Exception {
        Path notADirectory = Files.writeString(scratch.resolve("occupied"), "x");

        assertThatThrownBy(() -> SqliteStore.open(notADirectory, InstantSource.system()))
                .isInstanceOf(StoreException.class)
                .hasMessage("failed to create the data directory `" + notADirectory + "`");
    }

    @Test
    void open_corruptDatabaseFile_failsNamingTheDatabase() throws Exception {
        Files.writeString(scratch.resolve(SqliteStore.FILE_NAME), "this is not a database, just text ".repeat(200));

        assertThatThrownBy(() -> SqliteStore.open(scratch, InstantSource.system()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("failed to open the database `jdbc:sqlite:")
                .hasMessageContaining(SqliteStore.FILE_NAME);
    }

    @Test
    void appendMessage_databaseBroken_throwsStoreExceptionWithoutThePayload() throws Exception {
        Store store = fixture.store();
        store.createChannel("lobby", Visibility.PUBLIC, "aaron", StoreFixture.NO_CAP);
        execute("DROP TABLE messages");

        assertThatThrownBy(() -> store.appendMessage("lobby", "a/b/c", bytes("TOP-SECRET-PAYLOAD"), 1))
                .isInstanceOf(StoreException.class)
                .hasMessage("failed to append message")
                .satisfies(failure -> assertThat(stackTraceOf(failure)).doesNotContain("TOP-SECRET"));
    }

    @Test
    void createInvite_databaseBroken_throwsStoreExceptionWithoutTheToken() throws Exception {
        Store store = fixture.store();
        store.createChannel("lobby", Visibility.PUBLIC, "aaron", StoreFixture.NO_CAP);
        execute("DROP TABLE invites");

        assertThatThrownBy(() -> store.createInvite(
                        new InviteRecord("TOP-SECRET-TOKEN", "lobby", OptionalLong.empty(), Optional.empty(), "aaron"), StoreFixture.NO_CAP, StoreFixture.START))
                .isInstanceOf(StoreException.class)
                .hasMessage("failed to create invite")
                .satisfies(failure -> assertThat(stackTraceOf(failure)).doesNotContain("TOP-SECRET"));
    }

    @Test
    void createChannel_failingMidTransaction_leavesNoChannelBehind() throws Exception {
        Store store = fixture.store();
        // The channel row goes in first; the creator's membership row then fails.
        execute("DROP TABLE memberships");

        assertThatThrownBy(() -> store.createChannel("lobby", Visibility.PUBLIC, "aaron", StoreFixture.NO_CAP))
                .isInstanceOf(StoreException.class)
                .hasMessage("failed to create channel");
        assertThat(store.findChannel("lobby")).isEmpty();
    }

    @Test
    void register_machineInsertFailing_leavesNoUserBehind() throws Exception {
        Store store = fixture.store();
        // The user row goes in first; the machine row then fails.
        execute("DROP TABLE machines");

        assertThatThrownBy(() -> store.register("aaron", "workstation", SigningKey.generate().publicKey()))
                .isInstanceOf(StoreException.class)
                .hasMessage("failed to register user");
        assertThat(store.findUser("aaron")).isEmpty();
    }

    @Test
    void call_afterClose_isRejected() {
        SqliteStore store = SqliteStore.open(scratch, InstantSource.system());
        store.close();

        assertThatThrownBy(store::listChannels).isInstanceOf(IllegalStateException.class).hasMessage("the store is closed");
        assertThatThrownBy(store::instanceId).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void close_twice_isHarmless() {
        SqliteStore store = SqliteStore.open(scratch, InstantSource.system());

        store.close();
        store.close();

        assertThat(scratch.resolve(SqliteStore.FILE_NAME)).isRegularFile();
    }

    private Connection rawConnection() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + fixture.dataDir().resolve(SqliteStore.FILE_NAME));
    }

    private void execute(String sql) throws Exception {
        try (Connection raw = rawConnection(); Statement statement = raw.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String single(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String stackTraceOf(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
