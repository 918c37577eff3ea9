package conclave.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The key file of one machine: its Ed25519 seed as 43 base64url characters without padding and
 * without a trailing newline, readable by its owner only (mode 0600). The format matches the
 * original conclave, so a key file moves between implementations.
 *
 * <p>The file is created with mode 0600 from the start, never tightened afterwards; a file that
 * already existed with looser permissions is set to 0600 before the seed is written into it.
 *
 * <p>Thread-safety: instances are immutable; concurrent {@link #loadOrCreate()} calls, even from
 * different processes, converge on one key.
 */
public final class KeyFile {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path path;

    public KeyFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /**
     * Reads the key; surrounding whitespace is ignored.
     *
     * @throws KeyFileException if the file is missing or unreadable, or holds no 32-byte seed
     */
    public SigningKey load() {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new KeyFileException(
                    "failed to read keyfile `" + path + "` (run `conclave key` first)", e);
        } catch (IOException e) {
            throw new KeyFileException("failed to read keyfile `" + path + "`: " + reason(e), e);
        }
        String text = new String(content, StandardCharsets.US_ASCII).strip();
        Arrays.fill(content, (byte) 0);
        byte[] seed = Base64Url.decodeExactly(text, SigningKey.SEED_LENGTH)
                .orElseThrow(() -> new KeyFileException(
                        "keyfile `" + path + "` does not contain a 32-byte seed"));
        SigningKey key = SigningKey.fromSeed(seed);
        Arrays.fill(seed, (byte) 0);
        return key;
    }

    /**
     * Reads the key, or creates the file with a new key if it does not exist yet. The new file
     * appears complete or not at all, so a concurrent caller (even another process) either
     * creates it or reads the winner's key, never a half-written file.
     *
     * @throws KeyFileException as {@link #load()} and {@link #write(SigningKey)}
     */
    public SigningKey loadOrCreate() {
        if (Files.exists(path)) {
            return load();
        }
        SigningKey fresh = SigningKey.generate();
        try {
            Path draft = Files.createTempFile(parentDirectory(), ".key-", ".tmp", permissionAttributes());
            try {
                try (FileChannel channel = FileChannel.open(draft, StandardOpenOption.WRITE)) {
                    writeSeed(channel, fresh);
                }
                // A hard link is created atomically and refuses to replace an existing file.
                Files.createLink(path, draft);
            } finally {
                Files.deleteIfExists(draft);
            }
            return fresh;
        } catch (FileAlreadyExistsException lostTheRace) {
            return load();
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    /**
     * Writes {@code key} into the file, replacing any previous content (truncate, then write), and
     * creates missing parent directories.
     *
     * @throws KeyFileException if the file cannot be written
     */
    public void write(SigningKey key) {
        Set<StandardOpenOption> options = EnumSet.of(
                StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            parentDirectory();
            try (FileChannel channel = FileChannel.open(path, options, permissionAttributes())) {
                if (isPosix() && !Files.getPosixFilePermissions(path).equals(OWNER_ONLY)) {
                    // The attribute only applies when the file is created; a file that already
                    // existed keeps its mode, so tighten it before the seed goes in.
                    Files.setPosixFilePermissions(path, OWNER_ONLY);
                }
                writeSeed(channel, key);
            }
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    private static void writeSeed(FileChannel channel, SigningKey key) throws IOException {
        ByteBuffer content = ByteBuffer.wrap(key.seedText().getBytes(StandardCharsets.US_ASCII));
        while (content.hasRemaining()) {
            channel.write(content);
        }
        channel.force(true);
    }

    private Path parentDirectory() throws IOException {
        return Files.createDirectories(path.toAbsolutePath().getParent());
    }

    private boolean isPosix() {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private FileAttribute<?>[] permissionAttributes() {
        return isPosix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private KeyFileException writeFailure(IOException e) {
        return new KeyFileException("failed to write keyfile `" + path + "`: " + reason(e), e);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
