package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conclave admin backup} refuses what it cannot copy, before touching anything. */
class AdminCommandTest {
    @TempDir
    Path scratch;

    @Test
    void backupOfAPostgresStore_refusedPointingAtPgDump() {
        Path target = scratch.resolve("copy.db");

        CliRun run = CliRun.of("admin", "backup", "--store", "jdbc:postgresql://127.0.0.1/conclave", target.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("store is PostgreSQL").contains("pg_dump").contains("docs/deploy.md");
        assertThat(target).doesNotExist();
    }
}
