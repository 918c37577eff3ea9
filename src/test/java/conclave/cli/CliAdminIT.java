package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.ChildProcess;
import conclave.Launcher;
import conclave.server.ServeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * reference/cli.md §7.1 scenarios 2, 15, 18 and 19, end to end: the launcher {@code ./conclave}
 * as a process against one {@code ./conclave serve --admin aaron} process shared by the class,
 * every user in its own config directory. Each test uses its own channel names.
 */
class CliAdminIT {
    @TempDir
    static Path temp;

    private static ServeProcess serve;
    private static String url;
    private static Path aaron;
    private static Path david;

    @BeforeAll
    static void start() throws Exception {
        serve = ServeProcess.start("--data-dir", Files.createDirectory(temp.resolve("data")).toString(), "--admin", "aaron");
        url = "ws://127.0.0.1:" + serve.address().getPort();
        aaron = temp.resolve("aaron");
        david = temp.resolve("david");
        assertThat(ok(aaron, "register", "--server", url, "--username", "aaron", "--machine", "workstation"))
                .matches("✓ registered aaron/workstation/cli-\\d+\n");
        ok(david, "register", "--server", url, "--username", "david", "--machine", "desktop");
    }

    @AfterAll
    static void stop() throws Exception {
        serve.close();
    }

    /** {@code ./conclave --config-dir <dir> args…}. */
    static ChildProcess.Result conclave(Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of("--config-dir", dir.toString()));
        all.addAll(List.of(args));
        return Launcher.run(temp, all.toArray(String[]::new));
    }

    /** Runs and asserts success with nothing on stderr; returns stdout. */
    static String ok(Path dir, String... args) {
        ChildProcess.Result result = conclave(dir, args);
        assertThat(result.err()).as("stderr of %s", List.of(args)).isEmpty();
        assertThat(result.exitCode()).as("exit code of %s", List.of(args)).isZero();
        return result.out();
    }

    /** Runs and asserts exit 1 with exactly {@code ❌ <message>} on stderr. */
    static void fails(Path dir, String message, String... args) {
        ChildProcess.Result result = conclave(dir, args);
        assertThat(result.err()).as("stderr of %s", List.of(args)).isEqualTo("❌ " + message + "\n");
        assertThat(result.exitCode()).as("exit code of %s", List.of(args)).isEqualTo(1);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void key_inFreshConfigDir_createsTheKeyAndPrintsTheSamePublicKeyEachTime() {
        Path fresh = temp.resolve("fresh-key");

        String first = ok(fresh, "key");
        String second = ok(fresh, "key");

        assertThat(first).matches("[A-Za-z0-9_-]{43}\n").isEqualTo(second);
        assertThat(fresh.resolve("key")).isRegularFile();
    }

    @Test
    void machine_addListRemove_managesTheCallersOwnKeys() {
        Path laptop = temp.resolve("laptop");
        String pubkey = ok(laptop, "key").strip();

        assertThat(ok(aaron, "machine", "add", "--server", url, "--name", "laptop", "--pubkey", pubkey)).isEqualTo("✓ laptop\n");
        String listed = ok(aaron, "machine", "list", "--server", url);
        assertThat(listed).containsPattern("(?m)^workstation\t[A-Za-z0-9_-]{43}\t\\d{4}-\\d\\d-\\d\\dT\\S+$")
                .containsPattern("(?m)^laptop\t" + Pattern.quote(pubkey) + "\t\\d{4}-\\d\\d-\\d\\dT\\S+$");
        assertThat(ok(aaron, "machine", "remove", "--server", url, "laptop")).isEqualTo("✓ laptop\n");

        assertThat(ok(aaron, "machine", "list", "--server", url)).doesNotContain("laptop").contains("workstation\t");
    }

    @Test
    void perm_setShowAndStatus_showTheOverrideAndReachability() {
        ok(aaron, "perm", "set", "converse", "--server", url, "--channel", "ops");

        assertThat(ok(aaron, "perm", "show")).isEqualTo("default: notify\n" + url + " ops -> converse\n");
        String status = ok(aaron, "status");
        assertThat(status).startsWith(url + "\taaron/workstation\treachable (").contains("ops", "converse");
        fails(aaron, "--server needs an explicit scope: pass --channel <name> or --whisper", "perm", "set", "act", "--server", url);
    }

    @Test
    void status_withoutRegistrations_exitsZeroSayingSo() {
        assertThat(ok(temp.resolve("nobody"), "status")).contains("no servers registered");
    }

    @Test
    void channel_lifecycle_createJoinRenameSetVisibilityListDelete() {
        assertThat(ok(aaron, "channel", "create", "life", "--server", url)).isEqualTo("✓ life\n");
        ChildProcess.Result joined = conclave(aaron, "join", "--server", url, "life");
        assertThat(joined.exitCode()).isZero();
        assertThat(joined.out()).isEqualTo("✓ joined life\n");
        assertThat(ok(aaron, "channel", "rename", "--server", url, "life", "life-2")).isEqualTo("✓ life-2\n");
        assertThat(ok(aaron, "channel", "set-visibility", "--server", url, "life-2", "unlisted")).isEqualTo("✓ life-2\n");
        assertThat(ok(aaron, "channel", "list", "--server", url)).contains("life-2\tunlisted\t(member)\n");

        assertThat(ok(aaron, "channel", "delete", "--server", url, "life-2")).isEqualTo("✓ life-2\n");

        assertThat(ok(aaron, "channel", "list", "--server", url)).doesNotContain("life");
    }

    @Test
    void invites_singleUseTokenAdmitsOnce_andRevokeAlwaysAcks() {
        ok(aaron, "channel", "create", "vault", "--visibility", "private", "--server", url);
        String token = token(ok(aaron, "invite", "create", "--server", url, "--channel", "vault", "--uses", "1"));
        assertThat(ok(aaron, "invite", "list", "--server", url, "--channel", "vault"))
                .isEqualTo(token + "\tuses: 1\texpires: never\n");

        ChildProcess.Result redeemed = conclave(david, "join", "--server", url, "vault", "--token", token);
        assertThat(redeemed.exitCode()).as(redeemed.err()).isZero();
        assertThat(redeemed.out()).isEqualTo("✓ joined vault\n");
        assertThat(ok(aaron, "acl", "list", "--server", url, "--channel", "vault")).contains("david\n");
        String second = token(ok(aaron, "invite", "create", "--server", url, "--channel", "vault", "--expires-in", "1h"));

        assertThat(ok(aaron, "invite", "revoke", "--server", url, second)).isEqualTo("✓ " + second + "\n");
        assertThat(ok(aaron, "invite", "list", "--server", url, "--channel", "vault")).doesNotContain(second);
    }

    @Test
    void moderation_kickBanBansUnban() {
        ok(aaron, "channel", "create", "floor", "--server", url);
        conclave(david, "join", "--server", url, "floor");

        assertThat(ok(aaron, "kick", "--server", url, "--channel", "floor", "david")).isEqualTo("✓ david\n");
        assertThat(ok(aaron, "ban", "--server", url, "--channel", "floor", "david")).isEqualTo("✓ david\n");
        assertThat(ok(aaron, "bans", "--server", url, "--channel", "floor")).isEqualTo("david\n");
        assertThat(conclave(david, "join", "--server", url, "floor").exitCode()).isEqualTo(1);
        assertThat(ok(aaron, "unban", "--server", url, "--channel", "floor", "david")).isEqualTo("✓ david\n");

        assertThat(ok(aaron, "bans", "--server", url, "--channel", "floor")).isEmpty();
        assertThat(conclave(david, "join", "--server", url, "floor").exitCode()).isZero();
    }

    @Test
    void who_serverWide_listsTheProbingSession() {
        assertThat(ok(aaron, "who", "--server", url)).matches("\\[server\\] .*aaron/workstation/cli-\\d+.*\n");
    }

    @Test
    void roleGating_adminMayManage_nonAdminIsRefused() {
        ok(aaron, "channel", "create", "ops", "--visibility", "private", "--server", url);
        assertThat(ok(aaron, "acl", "add", "--server", url, "--channel", "ops", "david")).isEqualTo("✓ david\n");
        assertThat(ok(aaron, "invite", "create", "--server", url, "--channel", "ops", "--uses", "1")).startsWith("invite token: ");
        assertThat(ok(aaron, "user", "list", "--server", url)).contains("aaron\n", "david\n");

        fails(david, "unauthorized: not authorized: admin role required", "user", "list", "--server", url);
        assertThat(conclave(david, "channel", "delete", "--server", url, "ops").err()).startsWith("❌ unauthorized: ");
        assertThat(conclave(david, "invite", "create", "--server", url, "--channel", "ops").err()).startsWith("❌ unauthorized: ");
        assertThat(ok(aaron, "channel", "list", "--server", url)).contains("ops\tprivate\t(member)\n");
    }

    private static String token(String out) {
        Matcher matcher = Pattern.compile("invite token: ([A-Za-z0-9_-]{32})\n").matcher(out);
        assertThat(matcher.matches()).as(out).isTrue();
        return matcher.group(1);
    }
}
