package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conclave perm approver set|show|clear} on config.toml, and the verdict verbs' argument checks. */
class ApproverCommandTest {
    private static final String NL = System.lineSeparator();
    private static final String ONE = """
            default_permission = "notify"

            [[servers]]
            url = "wss://a"
            username = "carol"
            machine = "m"
            """;

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config-dir", dir.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void set_theOnlyServer_writesTheApproverInItsTable_andShowAndClearFollow() throws IOException {
        Files.writeString(dir.resolve("config.toml"), ONE);

        CliRun set = run("perm", "approver", "set", "alice/laptop/approver");

        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).isEqualTo("✓ permission prompts of bridges on `wss://a` go to alice/laptop/approver"
                + " (applies to newly started bridges)" + NL);
        assertThat(Files.readString(dir.resolve("config.toml"))).isEqualTo(ONE + "approver = \"alice/laptop/approver\"\n");
        assertThat(run("perm", "approver", "show").out()).isEqualTo("wss://a -> alice/laptop/approver" + NL);

        assertThat(run("perm", "approver", "clear").out())
                .isEqualTo("✓ no approver on `wss://a` (applies to newly started bridges)" + NL);
        assertThat(run("perm", "approver", "show").out())
                .isEqualTo("wss://a -> none (prompts are relayed into the session)" + NL);
        assertThat(Files.readString(dir.resolve("config.toml"))).isEqualTo(ONE);
    }

    @Test
    void set_notAPath_failsNamingTheRule_andWritesNothing() throws IOException {
        Files.writeString(dir.resolve("config.toml"), ONE);

        CliRun run = run("perm", "approver", "set", "alice/laptop");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("❌ approver must be a user/machine/session path of three names").contains("\"alice/laptop\"");
        assertThat(Files.readString(dir.resolve("config.toml"))).isEqualTo(ONE);
    }

    @Test
    void set_severalServersWithoutServer_orAnUnknownServer_fails() throws IOException {
        Files.writeString(dir.resolve("config.toml"), ONE + "\n[[servers]]\nurl = \"wss://b\"\nusername = \"c\"\nmachine = \"m\"\n");

        assertThat(run("perm", "approver", "set", "a/b/c").err())
                .isEqualTo("❌ several servers are registered; pass --server <URL>" + NL);
        assertThat(run("perm", "approver", "set", "a/b/c", "--server", "wss://x").err())
                .isEqualTo("❌ no registration for `wss://x` (see `conclave server list`)" + NL);
        assertThat(run("perm", "approver", "set", "a/b/c", "--server", "wss://b").exitCode()).isZero();
        assertThat(run("perm", "approver", "show").out()).isEqualTo("wss://a -> none (prompts are relayed into the session)"
                + NL + "wss://b -> a/b/c" + NL);
    }

    @Test
    void approve_badIdOrPath_failsBeforeConnecting() {
        assertThat(run("approve", "abcdl", "--server", "ws://127.0.0.1:1", "--to", "a/b/c").err())
                .isEqualTo("❌ `abcdl` is not a request id: five letters a-z without l, as the request shows it" + NL);
        assertThat(run("deny", "abcde", "--server", "ws://127.0.0.1:1", "--to", "a/b").err())
                .isEqualTo("❌ --to must be a user/machine/session path, got `a/b`" + NL);
        assertThat(run("approve", "abcde", "--server", "ws://127.0.0.1:1", "--to", "a/b/c", "--as", "x/y").err())
                .isEqualTo("❌ invalid session handle: `x/y`" + NL);
        assertThat(run("approve", "abcde", "--server", "ws://127.0.0.1:1", "--to", "a/b/c").err())
                .isEqualTo("❌ no registration for `ws://127.0.0.1:1` (see `conclave server list`)" + NL);
    }

    @Test
    void tail_channelAndApprovalsTogether_isAUsageError() {
        CliRun run = run("tail", "--server", "ws://127.0.0.1:1", "--channel", "c", "--approvals");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--channel").contains("--approvals");
    }
}
