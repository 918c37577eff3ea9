package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code conclave completions bash|zsh|fish}. */
class CompletionsCommandTest {
    private static final List<String> VERBS = List.of(
            "serve", "bridge", "key", "register", "machine", "server", "join", "perm", "channel", "acl",
            "invite", "status", "send", "tail", "ui", "who", "kick", "ban", "unban", "bans", "user", "skill",
            "completions");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh", "fish"})
    void completions_eachShell_succeedsAndMentionsEveryVerb(String shell) {
        CliRun run = CliRun.of("completions", shell);

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("conclave");
        for (String verb : VERBS) {
            assertThat(run.out()).containsPattern("\\b" + verb + "\\b");
        }
    }

    @Test
    void completions_fish_completesEveryVerbAtTheTopLevel() {
        String script = CliRun.of("completions", "fish").out();

        for (String verb : VERBS) {
            assertThat(script).contains("complete -c conclave -n '__conclave_at \"\"' -a '" + verb + "' -d '");
        }
    }

    @Test
    void completions_fish_everyLineIsACommentAFunctionOrAKnownStatement() {
        String script = CliRun.of("completions", "fish").out();

        assertThat(script.lines().filter(line -> line.startsWith("complete ")))
                .allMatch(line -> line.startsWith("complete -c conclave "))
                .hasSizeGreaterThan(VERBS.size());
        assertThat(script.lines())
                .allMatch(line -> line.isEmpty() || line.startsWith("#") || line.startsWith("complete -c conclave ")
                        || line.startsWith("set -g ") || line.startsWith("function ") || line.startsWith("    ")
                        || line.equals("end"));
    }

    @Test
    void completions_fish_knowsSubcommandsOptionsAndLevels() {
        String script = CliRun.of("completions", "fish").out();

        assertThat(script).contains("complete -c conclave -n '__conclave_at \"perm\"' -a 'set' -d 'Set the default level");
        assertThat(script).contains("complete -c conclave -n '__conclave_at \"perm set\"' -l 'server' -x -d 'The server the override is for.'");
        assertThat(script).contains("complete -c conclave -n '__conclave_at \"perm set\"' -a 'mute notify converse act'");
        assertThat(script).contains("complete -c conclave -n '__conclave_at \"skill install\"' -l 'dir' -r -F -d ");
        assertThat(script).contains("complete -c conclave -n '__conclave_at \"\"' -s 'v' -l 'verbose' -d ");
        assertThat(script).contains("-d 'Generate (if needed) and print this machine\\'s public key.'");
    }

    @Test
    void completions_fish_isValidFishWhereFishIsInstalled() throws Exception {
        assumeTrue(onPath("fish"), "fish is not installed");
        Path script = Files.writeString(dir.resolve("conclave.fish"), CliRun.of("completions", "fish").out());

        assertThat(run("fish", "--no-execute", script.toString())).isEmpty();
        assertThat(run("fish", "-c", "source " + script + "; complete -C'conclave perm '"))
                .contains("set\t", "show\t");
    }

    @Test
    void completions_bash_completesVerbsSubcommandsAndLevelsInBash() throws Exception {
        Path script = Files.writeString(dir.resolve("conclave.bash"), CliRun.of("completions", "bash").out());
        String probe = "source " + script + "\n"
                + "complete_line() { read -ra COMP_WORDS <<< \"$1\"; [[ $1 == *' ' ]] && COMP_WORDS+=('');"
                + " COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=$1; COMP_POINT=${#1}; COMPREPLY=();"
                + " _complete_conclave conclave \"${COMP_WORDS[COMP_CWORD]}\" 2>/dev/null; echo \"${COMPREPLY[*]}\"; }\n"
                + "complete_line 'conclave pe'\n"
                + "complete_line 'conclave perm '\n"
                + "complete_line 'conclave perm set '\n"
                + "complete_line 'conclave completions '\n";

        assertThat(run("bash", "-c", probe)).isEqualTo("perm\nset show approver\nmute notify converse act\nbash zsh fish\n");
    }

    @Test
    void completions_zsh_isTheBashScriptBehindAZshNote() {
        String zsh = CliRun.of("completions", "zsh").out();

        assertThat(zsh).startsWith("# zsh completion for conclave").endsWith(CliRun.of("completions", "bash").out());
        assertThat(zsh).contains("bashcompinit");
    }

    @Test
    void completions_unknownShell_isUsageErrorNamingTheChoices() {
        CliRun run = CliRun.of("completions", "elvish");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith(
                "Invalid value for positional parameter at index 0 (<SHELL>): expected bash, zsh or fish, got `elvish`");
    }

    @Test
    void completions_noShell_isUsageError() {
        CliRun run = CliRun.of("completions");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing required parameter: '<SHELL>'");
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    /** Runs a program to completion and returns its stdout; fails on a non-zero exit or stderr output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(err, StandardCharsets.UTF_8)).isEmpty();
        assertThat(process.exitValue()).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
