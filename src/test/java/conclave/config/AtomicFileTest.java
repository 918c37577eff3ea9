package conclave.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void write_newFile_holdsTheContentWithTheMode() throws IOException {
        Path target = dir.resolve("config.toml");

        AtomicFile.write(target, bytes("hello"), AtomicFile.OWNER_ONLY);

        assertThat(target).hasContent("hello");
        assertThat(mode(target)).isEqualTo("rw-------");
    }

    @Test
    void write_worldReadableMode_isApplied() throws IOException {
        Path target = dir.resolve("SKILL.md");

        AtomicFile.write(target, bytes("# skill"), AtomicFile.WORLD_READABLE);

        assertThat(mode(target)).isEqualTo("rw-r--r--");
    }

    @Test
    void write_existingFile_isReplacedWhole() throws IOException {
        Path target = dir.resolve("config.toml");
        Files.writeString(target, "a much longer previous content");

        AtomicFile.write(target, bytes("short"), AtomicFile.OWNER_ONLY);

        assertThat(target).hasContent("short");
        assertThat(dir.toFile().list()).containsExactly("config.toml");
    }

    @Test
    void write_missingParents_areCreated() throws IOException {
        Path target = dir.resolve("x/y/z/config.toml");

        AtomicFile.write(target, bytes("deep"), AtomicFile.OWNER_ONLY);

        assertThat(target).hasContent("deep");
    }

    @Test
    void write_failingHalfway_leavesTheOriginalAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("config.toml");
        Files.writeString(target, "original");

        assertThatThrownBy(() -> AtomicFile.write(target, AtomicFile.OWNER_ONLY, channel -> {
                    channel.write(ByteBuffer.wrap(bytes("half of the new")));
                    throw new IOException("No space left on device");
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("No space left on device");

        assertThat(target).hasContent("original");
        assertThat(dir.toFile().list()).containsExactly("config.toml");
    }

    @Test
    void write_renameRefused_leavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("config.toml");
        Files.createDirectories(target.resolve("occupied"));

        assertThatThrownBy(() -> AtomicFile.write(target, bytes("new"), AtomicFile.OWNER_ONLY))
                .isInstanceOf(IOException.class);

        assertThat(target.resolve("occupied")).isDirectory();
        assertThat(dir.toFile().list()).containsExactly("config.toml");
    }

    @Test
    void write_readOnlyDirectory_failsAndLeavesTheOriginal() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes into read-only directories");
        Path target = dir.resolve("config.toml");
        Files.writeString(target, "original");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        try {
            assertThatThrownBy(() -> AtomicFile.write(target, bytes("new"), AtomicFile.OWNER_ONLY))
                    .isInstanceOf(IOException.class);

            assertThat(target).hasContent("original");
            assertThat(dir.toFile().list()).containsExactly("config.toml");
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void reason_accessDenied_saysPermissionDenied() {
        assertThat(AtomicFile.reason(new java.nio.file.AccessDeniedException("/x"))).isEqualTo("permission denied");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
