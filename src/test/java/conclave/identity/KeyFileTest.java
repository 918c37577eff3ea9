package conclave.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {
    private static final String RFC_SEED_TEXT = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    private static final String RFC_PUBLIC_HEX =
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    @TempDir
    Path dir;

    @Test
    void loadOrCreate_missingFile_createsOwnerOnlyFileHoldingTheSeedText() throws Exception {
        KeyFile file = new KeyFile(dir.resolve("key"));

        SigningKey key = file.loadOrCreate();

        assertThat(mode(file.path())).isEqualTo("rw-------");
        assertThat(Files.readString(file.path())).isEqualTo(key.seedText()).hasSize(43).doesNotEndWith("\n");
    }

    @Test
    void loadOrCreate_existingFile_returnsTheSameKey() {
        KeyFile file = new KeyFile(dir.resolve("key"));
        SigningKey created = file.loadOrCreate();

        SigningKey again = file.loadOrCreate();

        assertThat(again.publicKey()).isEqualTo(created.publicKey());
    }

    @Test
    void loadOrCreate_missingParentDirectories_createsThem() {
        KeyFile file = new KeyFile(dir.resolve("config/conclave/key"));

        SigningKey key = file.loadOrCreate();

        assertThat(file.load().publicKey()).isEqualTo(key.publicKey());
    }

    @Test
    void loadOrCreate_eightConcurrentFirstRuns_allGetOneKey() throws Exception {
        KeyFile file = new KeyFile(dir.resolve("key"));
        CyclicBarrier start = new CyclicBarrier(8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Ed25519PublicKey>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return file.loadOrCreate().publicKey();
                }));
            }

            List<Ed25519PublicKey> keys = new ArrayList<>();
            for (Future<Ed25519PublicKey> result : results) {
                keys.add(result.get(10, TimeUnit.SECONDS));
            }

            assertThat(keys).containsOnly(file.load().publicKey());
            assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void write_overAWorldReadableFile_tightensItTo0600() throws Exception {
        Path path = dir.resolve("key");
        Files.writeString(path, "old content");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        KeyFile file = new KeyFile(path);
        SigningKey key = SigningKey.generate();

        file.write(key);

        assertThat(mode(path)).isEqualTo("rw-------");
        assertThat(Files.readString(path)).isEqualTo(key.seedText());
    }

    @Test
    void write_thenLoad_givesTheSamePublicKey() {
        KeyFile file = new KeyFile(dir.resolve("key"));
        SigningKey key = SigningKey.generate();

        file.write(key);

        assertThat(file.load().publicKey()).isEqualTo(key.publicKey());
    }

    @Test
    void load_rfcSeedText_derivesTheRfcPublicKey() throws Exception {
        Path path = dir.resolve("key");
        Files.writeString(path, RFC_SEED_TEXT);

        SigningKey key = new KeyFile(path).load();

        assertThat(HexFormat.of().formatHex(key.publicKey().bytes())).isEqualTo(RFC_PUBLIC_HEX);
        assertThat(key.seedText()).isEqualTo(RFC_SEED_TEXT);
    }

    @Test
    void load_seedWithSurroundingWhitespace_isTrimmed() throws Exception {
        Path path = dir.resolve("key");
        Files.writeString(path, "  " + RFC_SEED_TEXT + "\n\n");

        SigningKey key = new KeyFile(path).load();

        assertThat(HexFormat.of().formatHex(key.publicKey().bytes())).isEqualTo(RFC_PUBLIC_HEX);
    }

    @Test
    void load_missingFile_namesTheFileAndTheFix() {
        Path path = dir.resolve("absent");

        assertThatThrownBy(() -> new KeyFile(path).load())
                .isInstanceOf(KeyFileException.class)
                .hasMessage("failed to read keyfile `" + path + "` (run `conclave key` first)");
    }

    @Test
    void load_garbage_namesTheFileButNotItsContent() throws Exception {
        Path path = dir.resolve("key");
        Files.writeString(path, "secret-looking garbage");

        assertThatThrownBy(() -> new KeyFile(path).load())
                .isInstanceOf(KeyFileException.class)
                .hasMessage("keyfile `" + path + "` does not contain a 32-byte seed")
                .message().doesNotContain("garbage");
    }

    @Test
    void load_paddedSeed_rejected() throws Exception {
        Path path = dir.resolve("key");
        Files.writeString(path, RFC_SEED_TEXT + "=");

        assertThatThrownBy(() -> new KeyFile(path).load())
                .hasMessage("keyfile `" + path + "` does not contain a 32-byte seed");
    }

    @Test
    void load_31ByteSeed_rejected() throws Exception {
        Path path = dir.resolve("key");
        Files.writeString(path, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[31]));

        assertThatThrownBy(() -> new KeyFile(path).load())
                .hasMessage("keyfile `" + path + "` does not contain a 32-byte seed");
    }

    @Test
    void load_nonAsciiBytes_rejectedAsNoSeed() throws Exception {
        Path path = dir.resolve("key");
        Files.write(path, "ü".repeat(43).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new KeyFile(path).load())
                .hasMessage("keyfile `" + path + "` does not contain a 32-byte seed");
    }

    @Test
    void load_directoryInsteadOfFile_namesTheFile() {
        assertThatThrownBy(() -> new KeyFile(dir).load())
                .isInstanceOf(KeyFileException.class)
                .hasMessageStartingWith("failed to read keyfile `" + dir + "`: ");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
