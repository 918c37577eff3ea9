package conclave.cli;

import static conclave.cli.LiveServer.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlVerbsTest {
    private static final String NL = System.lineSeparator();
    private final LiveServer live = new LiveServer();

    @TempDir
    Path admin;

    @TempDir
    Path bob;

    @BeforeEach
    void register() {
        live.register(admin, "admin");
        live.register(bob, "bob");
    }

    @AfterEach
    void stop() {
        live.close();
    }

    private CliRun as(Path dir, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server";
        all[args.length + 1] = live.url;
        return run(dir, all);
    }

    private static void ok(CliRun run, String out) {
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(out);
        assertThat(run.exitCode()).isZero();
    }

    private static void fails(CliRun run, String message) {
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("❌ " + message + NL);
    }

    @Test
    void channel_lifecycle() {
        ok(as(bob, "channel", "create", "c1"), "✓ c1" + NL);
        ok(as(bob, "channel", "create", "c2", "--visibility", "private"), "✓ c2" + NL);
        ok(as(bob, "channel", "rename", "c1", "c3"), "✓ c3" + NL);
        ok(as(bob, "channel", "set-visibility", "c3", "unlisted"), "✓ c3" + NL);
        assertThat(as(bob, "channel", "list").out()).contains("c3\tunlisted\t(member)" + NL, "c2\tprivate\t(member)" + NL);
        ok(as(bob, "channel", "delete", "c3"), "✓ c3" + NL);
        assertThat(as(bob, "channel", "list").out()).isEqualTo("c2\tprivate\t(member)" + NL);
        fails(as(bob, "channel", "set-visibility", "c2", "secret"),
                "unknown visibility tier `secret` (expected public, unlisted, or private)");
    }

    @Test
    void channelDelete_someoneElses_onlyAdminMay() {
        as(admin, "channel", "create", "a1");
        as(admin, "channel", "create", "a2");
        as(bob, "channel", "create", "b1");

        CliRun denied = as(bob, "channel", "delete", "a1");
        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.err()).startsWith("❌ unauthorized: ");
        ok(as(admin, "channel", "delete", "b1"), "✓ b1" + NL);
    }

    @Test
    void userList_adminOnly() {
        ok(as(admin, "user", "list"), "admin" + NL + "bob" + NL);
        fails(as(bob, "user", "list"), "unauthorized: not authorized: admin role required");
        ok(as(admin, "user", "remove", "bob"), "✓ bob" + NL);
        ok(as(admin, "user", "list"), "admin" + NL);
    }

    @Test
    void acl_bans_and_moderation() {
        as(admin, "channel", "create", "c", "--visibility", "private");
        ok(as(admin, "acl", "add", "--channel", "c", "bob"), "✓ bob" + NL);
        ok(as(admin, "acl", "list", "--channel", "c"), "admin" + NL + "bob" + NL);
        ok(as(admin, "acl", "remove", "--channel", "c", "bob"), "✓ bob" + NL);
        ok(as(admin, "ban", "--channel", "c", "bob"), "✓ bob" + NL);
        ok(as(admin, "bans", "--channel", "c"), "bob" + NL);
        ok(as(admin, "unban", "--channel", "c", "bob"), "✓ bob" + NL);
        ok(as(admin, "bans", "--channel", "c"), "");
        ok(as(admin, "kick", "--channel", "c", "bob"), "✓ bob" + NL);
    }

    @Test
    void invite_and_join() {
        as(admin, "channel", "create", "c", "--visibility", "private");
        String token = as(admin, "invite", "create", "--channel", "c", "--uses", "2", "--expires-in", "1h")
                .out().replace("invite token: ", "").strip();
        assertThat(token).hasSize(32);
        assertThat(as(admin, "invite", "list", "--channel", "c").out())
                .startsWith(token + "\tuses: 2\texpires: ");

        CliRun rejected = as(bob, "join", "c", "--perm", "act");
        assertThat(rejected.exitCode()).isEqualTo(1);
        assertThat(run(bob, "perm", "show").out()).isEqualTo("default: notify" + NL);

        CliRun joined = as(bob, "join", "c", "--token", token, "--perm", "act");
        assertThat(joined.out()).isEqualTo("✓ joined c" + NL);
        assertThat(joined.err()).isEqualTo(JoinCommand.NOTE + NL);
        assertThat(run(bob, "perm", "show").out()).isEqualTo("default: notify" + NL + live.url + " c -> act" + NL);

        fails(as(bob, "join", "c", "--perm", "loud"),
                "unknown permission level `loud` (expected mute, notify, converse, or act)");
        fails(as(admin, "invite", "create", "--channel", "c", "--expires-in", "soon"), "invalid duration `soon`");
        ok(as(admin, "invite", "revoke", token), "✓ " + token + NL);
        ok(as(admin, "invite", "list", "--channel", "c"), "");
        assertThat(as(admin, "invite", "create", "--channel", "c").exitCode()).isZero();
    }

    @Test
    void who_serverWide() {
        CliRun run = as(bob, "who");
        assertThat(run.out()).isEqualTo("[server] bob/m/cli-" + ProcessHandle.current().pid() + NL);
        CliRun missing = as(bob, "who", "nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("❌ not found: ");
    }

    @Test
    void machine_addListRemove() {
        assertThat(as(bob, "machine", "add", "--name", "laptop", "--pubkey", "!!").err()).startsWith("❌ invalid public key: ");
        String key = run(admin, "key").out().strip();
        // admin's key is enrolled already; use a fresh one
        Path fresh = admin.resolve("fresh");
        String freshKey = run(fresh, "key").out().strip();
        assertThat(freshKey).isNotEqualTo(key);
        ok(as(bob, "machine", "add", "--name", "laptop", "--pubkey", freshKey), "✓ laptop" + NL);
        assertThat(as(bob, "machine", "list").out()).contains("laptop\t" + freshKey + "\t");
        ok(as(bob, "machine", "remove", "laptop"), "✓ laptop" + NL);
        assertThat(as(bob, "machine", "list").out()).doesNotContain("laptop");
    }

    @Test
    void unregisteredServer_isClearError() {
        fails(run(bob, "who", "--server", "ws://127.0.0.1:1"),
                "no registration for `ws://127.0.0.1:1` (see `conclave server list`)");
    }
}
