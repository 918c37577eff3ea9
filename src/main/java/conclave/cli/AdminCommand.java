package conclave.cli;

import conclave.config.XdgDirs;
import conclave.store.SqliteBackup;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code conclave admin}: operator tasks run on the server's host, against its data directory. */
@Command(
        name = "admin",
        description = "Operator tasks on the server's host.",
        subcommands = AdminCommand.BackupCommand.class)
final class AdminCommand {
    /** {@code conclave admin backup}: an online copy of the store, safe while the server runs. */
    @Command(
            name = "backup",
            description = "Copy the server's SQLite store to <FILE> with SQLite's online backup API;"
                    + " safe while the server runs.")
    static final class BackupCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--data-dir",
                paramLabel = "<PATH>",
                defaultValue = "${env:CONCLAVE_DATA_DIR}",
                description = "The server's data directory (default: as for serve: $XDG_DATA_HOME/conclave"
                        + " or ~/.local/share/conclave).")
        Path dataDir;

        @Option(
                names = "--store",
                paramLabel = "<URL>",
                defaultValue = "${env:CONCLAVE_STORE}",
                description = "The server's --store, if it has one (env CONCLAVE_STORE): a PostgreSQL store is"
                        + " backed up with pg_dump instead, see docs/deploy.md.")
        String storeUrl;

        @Parameters(paramLabel = "<FILE>", description = "Where to write the copy; must not exist yet.")
        Path target;

        @Override
        public Integer call() {
            if (storeUrl != null && !storeUrl.isBlank()) {
                throw new IllegalStateException("admin backup copies the SQLite store only; this server's store is"
                        + " PostgreSQL (--store or CONCLAVE_STORE): back it up with pg_dump, see docs/deploy.md");
            }
            Path dir = dataDir != null ? dataDir : XdgDirs.current().dataDir();
            long bytes = SqliteBackup.copy(dir, target);
            spec.commandLine().getOut().println("backed up " + bytes + " bytes to " + target);
            return 0;
        }
    }
}
