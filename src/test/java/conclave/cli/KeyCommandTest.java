package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conclave key} (reference cli.md §1.2 and §2.2). */
class KeyCommandTest {
    private static final String RFC_SEED_TEXT = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    private static final String RFC_PUBLIC_HEX = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    @TempDir
    Path dir;

    @Test
    void key_noKeyFile_createsOwnerOnlyKeyAndPrintsItsPublicKey() throws IOException {
        CliRun run = CliRun.of("key", "--config-dir", dir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("[A-Za-z0-9_-]{43}" + System.lineSeparator());
        assertThat(run.err()).isEmpty();
        Path key = dir.resolve("key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(key)).hasSize(43).doesNotEndWith("\n");
    }

    @Test
    void key_runTwice_printsTheSameKey() {
        CliRun first = CliRun.of("--config-dir", dir.toString(), "key");
        CliRun second = CliRun.of("key", "--config-dir", dir.toString());

        assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void key_existingSeed_printsItsPublicKeyAsBase64UrlWithoutPadding() throws IOException {
        Files.writeString(dir.resolve("key"), RFC_SEED_TEXT + "\n");

        CliRun run = CliRun.of("key", "--config-dir", dir.toString());

        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(RFC_PUBLIC_HEX));
        assertThat(run.out()).isEqualTo(expected + System.lineSeparator());
        assertThat(Files.readString(dir.resolve("key"))).isEqualTo(RFC_SEED_TEXT + "\n");
    }

    @Test
    void key_fileOfWrongLength_exitsOneNamingTheFile() throws IOException {
        Files.writeString(dir.resolve("key"), "c2hvcnQ");

        CliRun run = CliRun.of("key", "--config-dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(
                "❌ keyfile `" + dir.resolve("key") + "` does not contain a 32-byte seed" + System.lineSeparator());
    }

    @Test
    void key_missingConfigDirectory_isCreated() {
        Path nested = dir.resolve("a/b/conclave");

        CliRun run = CliRun.of("key", "--config-dir", nested.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(nested.resolve("key")).isRegularFile();
    }

    @Test
    void key_withArgument_isUsageError() {
        CliRun run = CliRun.of("key", "extra", "--config-dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(dir.resolve("key")).doesNotExist();
    }
}
