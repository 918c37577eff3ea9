package conclave.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteOpenMode;

/**
 * An online copy of a data directory's database through SQLite's backup API, safe while a server
 * writes to it: the copy is taken in one backup step, inside one read transaction, which in WAL
 * mode sees a consistent snapshot without blocking the writer. The copy is written beside the
 * target, checked, then moved into place, so the target is either absent or a complete database.
 */
public final class SqliteBackup {
    /** All remaining pages in one step: a snapshot, never restarted by the server's writes. */
    private static final int ALL_PAGES = -1;
    private static final int BUSY_SLEEP_MS = 100;
    private static final int BUSY_RETRIES = 50;
    private static final int BUSY_TIMEOUT_MS = 5_000;

    private SqliteBackup() {}

    /**
     * Copies {@value SqliteStore#FILE_NAME} in {@code dataDir} to {@code target}.
     *
     * @return the size of the copy in bytes
     * @throws StoreException naming the path if there is no database, the target exists, or the
     *     copy or its check fails
     */
    public static long copy(Path dataDir, Path target) {
        Path source = dataDir.resolve(SqliteStore.FILE_NAME).toAbsolutePath();
        if (!Files.isRegularFile(source)) {
            throw new StoreException("no database at `" + source + "`: is --data-dir the server's data directory?");
        }
        if (Files.exists(target)) {
            throw new StoreException("backup target `" + target + "` already exists; choose a new file");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            backup(source, partial);
            quickCheck(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(target);
        } catch (IOException | SQLException e) {
            throw new StoreException("failed to back up `" + source + "` to `" + target + "`", e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: the failure being reported matters more than the leftover
            }
        }
    }

    private static void backup(Path source, Path destination) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE); // never create an empty database where none is
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + source)) {
            ((SQLiteConnection) connection).getDatabase()
                    .backup("main", destination.toAbsolutePath().toString(), null, BUSY_SLEEP_MS, BUSY_RETRIES, ALL_PAGES);
        }
    }

    private static void quickCheck(Path copy) throws SQLException {
        try (Connection connection = new SQLiteConfig().createConnection("jdbc:sqlite:" + copy.toAbsolutePath());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA quick_check")) {
            String verdict = result.next() ? result.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new SQLException("the copy failed its integrity check: " + verdict);
            }
        }
    }
}
