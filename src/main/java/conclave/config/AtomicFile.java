package conclave.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file all at once: the new content goes to a temporary file in the same directory,
 * is forced to disk, and is renamed over the target. A reader sees the old file or the new one,
 * never a mix, and a failure at any step leaves the old file as it was and no temporary file
 * behind. Stateless and thread-safe; two concurrent writers of one file each succeed and the later
 * rename wins.
 */
public final class AtomicFile {
    /** {@code rw-------}: files that only their owner may read, such as config.toml. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** {@code rw-r--r--}: files anyone may read, such as an installed SKILL.md. */
    public static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    /** Writes a file's content into the temporary file; a failure abandons the write. */
    @FunctionalInterface
    interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFile() {}

    /**
     * Makes {@code target} hold exactly {@code content}, with {@code mode} on file systems that
     * have POSIX permissions, creating missing parent directories.
     *
     * @throws IOException if any step fails; the previous file, if any, is then unchanged
     */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        write(target, mode, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    static void write(Path target, Set<PosixFilePermission> mode, Content content) throws IOException {
        Path directory = Files.createDirectories(target.toAbsolutePath().getParent());
        Path draft = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp", attributes(directory, mode));
        try {
            try (FileChannel channel = FileChannel.open(draft, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            // On POSIX an atomic move is rename(2), which replaces the target in one step.
            Files.move(draft, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException | Error failure) {
            try {
                Files.deleteIfExists(draft);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        forceDirectory(directory);
    }

    /** A short reason for an I/O failure, for messages that already name the file. */
    public static String reason(IOException failure) {
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        if (failure instanceof FileAlreadyExistsException exists) {
            return "`" + exists.getFile() + "` exists and is not a directory";
        }
        if (failure instanceof NoSuchFileException missing) {
            return "`" + missing.getFile() + "` does not exist";
        }
        if (failure instanceof NotDirectoryException notDirectory) {
            return "`" + notDirectory.getFile() + "` is not a directory";
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    /** Makes the rename itself durable: on Linux a directory's entries reach the disk on its fsync. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // Some platforms cannot open a directory for reading. The file content is already on
            // disk and the rename is atomic; only its durability across a power cut is weaker.
        }
    }

    private static FileAttribute<?>[] attributes(Path directory, Set<PosixFilePermission> mode) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
                : new FileAttribute<?>[0];
    }
}
