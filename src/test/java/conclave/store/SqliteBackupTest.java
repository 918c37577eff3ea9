package conclave.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import conclave.identity.SigningKey;
import conclave.protocol.Visibility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link SqliteBackup} on real database files: a usable copy, and clear refusals. */
class SqliteBackupTest {
    @RegisterExtension
    final SqliteFixture fixture = new SqliteFixture();

    @TempDir
    Path scratch;

    @Test
    void copyOfAnOpenStore_opensAsAStoreWithTheSameContents() throws IOException {
        Store store = fixture.store();
        String instanceId = store.instanceId(); // created on first use, as a server does at start
        store.register("alice", "laptop", SigningKey.generate().publicKey());
        store.createChannel("ops", Visibility.PRIVATE, "alice", StoreFixture.NO_CAP);
        store.appendMessage("ops", "alice/laptop/s", "one".getBytes(UTF_8), 1_000);
        store.appendMessage("ops", "alice/laptop/s", "two".getBytes(UTF_8), 2_000);
        Path copyDir = Files.createDirectories(scratch.resolve("copy"));

        long bytes = SqliteBackup.copy(fixture.dataDir(), copyDir.resolve(SqliteStore.FILE_NAME));

        assertThat(bytes).isPositive();
        assertThat(copyDir.resolve(SqliteStore.FILE_NAME + ".partial")).doesNotExist();
        try (SqliteStore copy = SqliteStore.open(copyDir, fixture.clock)) {
            assertThat(copy.instanceId()).isEqualTo(instanceId);
            assertThat(copy.findUser("alice")).isPresent();
            assertThat(copy.findChannel("ops")).isPresent();
            assertThat(copy.readSince("ops", 0, 10, 0))
                    .extracting(message -> new String(message.payload(), UTF_8))
                    .containsExactly("one", "two");
        }
    }

    @Test
    void noDatabaseInTheDirectory_isRefusedWithoutCreatingOne() {
        Path empty = scratch.resolve("empty");

        assertThatThrownBy(() -> SqliteBackup.copy(empty, scratch.resolve("out.db")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("no database at `" + empty.resolve(SqliteStore.FILE_NAME).toAbsolutePath() + "`");
        assertThat(empty).doesNotExist();
        assertThat(scratch.resolve("out.db")).doesNotExist();
    }

    @Test
    void existingTarget_isRefusedAndLeftAlone() throws IOException {
        Path target = Files.writeString(scratch.resolve("out.db"), "precious");

        assertThatThrownBy(() -> SqliteBackup.copy(fixture.dataDir(), target))
                .isInstanceOf(StoreException.class)
                .hasMessage("backup target `" + target + "` already exists; choose a new file");
        assertThat(target).hasContent("precious");
    }
}
