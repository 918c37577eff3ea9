package conclave.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading, validating and writing config.toml on a real file system (reference cli.md §2.3). */
class ConfigFileTest {
    private static final String REFERENCE_EXAMPLE = """
            default_permission = "notify"

            [[servers]]
            url = "wss://conclave.example"
            username = "aaron"
            machine = "workstation"

            [[overrides]]
            server = "wss://conclave.example"
            channel = "ops"
            level = "converse"

            [[overrides]]
            server = "wss://conclave.example"
            level = "converse"        # no channel key => whisper scope
            """;

    private static final ConclaveConfig EXAMPLE = new ConclaveConfig(
            PermissionLevel.NOTIFY,
            List.of(new ServerRegistration("wss://conclave.example", "aaron", "workstation")),
            List.of(
                    new PermissionOverride("wss://conclave.example", PermissionScope.channel("ops"), PermissionLevel.CONVERSE),
                    new PermissionOverride("wss://conclave.example", PermissionScope.whisper(), PermissionLevel.CONVERSE)));

    @TempDir
    Path dir;

    @Test
    void load_missingFile_givesDefaults() {
        ConclaveConfig config = ConfigFile.in(dir.resolve("absent")).load();

        assertThat(config).isEqualTo(ConclaveConfig.defaults());
        assertThat(config.defaultPermission()).isEqualTo(PermissionLevel.NOTIFY);
        assertThat(dir.resolve("absent")).doesNotExist();
    }

    @Test
    void load_emptyOrCommentOnlyFile_givesDefaults() throws IOException {
        ConfigFile file = fileWith("# nothing set yet\n\n");

        assertThat(file.load()).isEqualTo(ConclaveConfig.defaults());
    }

    @Test
    void load_referenceExample_readsEveryTable() throws IOException {
        assertThat(fileWith(REFERENCE_EXAMPLE).load()).isEqualTo(EXAMPLE);
    }

    @Test
    void load_unknownKeysAndTables_areIgnored() throws IOException {
        ConfigFile file = fileWith("""
                default_permission = "act"
                theme = "dark"

                [[servers]]
                url = "ws://localhost:4390"
                username = "ada"
                machine = "laptop"
                colour = 3

                [[overrides]]
                server = "ws://localhost:4390"
                channel = "ops"
                level = "mute"
                note = { why = "noisy" }

                [telemetry]
                enabled = true
                """);

        assertThat(file.load()).isEqualTo(new ConclaveConfig(
                PermissionLevel.ACT,
                List.of(new ServerRegistration("ws://localhost:4390", "ada", "laptop")),
                List.of(new PermissionOverride("ws://localhost:4390", PermissionScope.channel("ops"), PermissionLevel.MUTE))));
    }

    @Test
    void load_inlineArraysOfTables_readLikeHeaders() throws IOException {
        ConfigFile file = fileWith("""
                servers = [{ url = "wss://conclave.example", username = "aaron", machine = "workstation" }]
                overrides = [
                  { server = "wss://conclave.example", channel = "ops", level = "converse" },
                  { server = "wss://conclave.example", level = "converse" },
                ]
                """);

        assertThat(file.load()).isEqualTo(EXAMPLE);
    }

    @Test
    void save_writesTheReferenceShape() throws IOException {
        ConfigFile file = ConfigFile.in(dir);

        file.save(EXAMPLE);

        assertThat(Files.readString(file.path())).isEqualTo("""
                default_permission = "notify"

                [[servers]]
                url = "wss://conclave.example"
                username = "aaron"
                machine = "workstation"

                [[overrides]]
                server = "wss://conclave.example"
                channel = "ops"
                level = "converse"

                [[overrides]]
                server = "wss://conclave.example"
                level = "converse"
                """);
    }

    @Test
    void saveThenLoad_quotesAndBackslashesInNames_roundTrip() {
        ConfigFile file = ConfigFile.in(dir);
        ConclaveConfig config = new ConclaveConfig(
                PermissionLevel.MUTE,
                List.of(new ServerRegistration("wss://x.example/?via=alias%20two", "o\"brien", "back\\slash ü 😀")),
                List.of(new PermissionOverride("wss://x.example/?via=alias%20two", PermissionScope.channel("#dev'ops"), PermissionLevel.ACT)));

        file.save(config);

        assertThat(file.load()).isEqualTo(config);
    }

    @Test
    void save_missingDirectory_isCreated() {
        ConfigFile file = ConfigFile.in(dir.resolve("a/b/conclave"));

        file.save(EXAMPLE);

        assertThat(file.load()).isEqualTo(EXAMPLE);
    }

    @Test
    void save_newFile_isReadableByItsOwnerOnly() throws IOException {
        ConfigFile file = ConfigFile.in(dir);

        file.save(EXAMPLE);

        assertThat(mode(file.path())).isEqualTo("rw-------");
    }

    @Test
    void save_overLooserExistingFile_leavesOwnerOnlyMode() throws IOException {
        ConfigFile file = fileWith(REFERENCE_EXAMPLE);
        Files.setPosixFilePermissions(file.path(), PosixFilePermissions.fromString("rw-rw-r--"));

        file.save(ConclaveConfig.defaults());

        assertThat(mode(file.path())).isEqualTo("rw-------");
    }

    @Test
    void save_leavesNoTemporaryFileBehind() {
        ConfigFile file = ConfigFile.in(dir);

        file.save(EXAMPLE);
        file.save(ConclaveConfig.defaults());

        assertThat(dir).isDirectoryContaining("glob:**/config.toml").isDirectoryNotContaining("glob:**.tmp");
        assertThat(dir.toFile().list()).containsExactly("config.toml");
    }

    @Test
    void save_failingRename_isAnErrorNamingTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path blocked = Files.createDirectories(dir.resolve(ConfigFile.FILE_NAME).resolve("occupied"));
        ConfigFile file = ConfigFile.in(dir);

        assertThatThrownBy(() -> file.save(EXAMPLE))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("failed to write config `" + file.path() + "`: ");

        assertThat(blocked).isDirectory();
        assertThat(dir.toFile().list()).containsExactly(ConfigFile.FILE_NAME);
    }

    @Test
    void load_directoryInsteadOfFile_isAnErrorNamingTheFile() throws IOException {
        Files.createDirectories(dir.resolve(ConfigFile.FILE_NAME));
        ConfigFile file = ConfigFile.in(dir);

        assertThatThrownBy(file::load)
                .isInstanceOf(ConfigException.class)
                .hasMessage("failed to read config `" + file.path() + "`: Is a directory");
    }

    @Test
    void update_appliesTheChangeAndSaves() throws IOException {
        ConfigFile file = fileWith(REFERENCE_EXAMPLE);

        ConclaveConfig updated = file.update(config -> config.withDefaultPermission(PermissionLevel.ACT));

        assertThat(updated.defaultPermission()).isEqualTo(PermissionLevel.ACT);
        assertThat(file.load()).isEqualTo(updated);
    }

    @Test
    void humansApproverAndLoopGuard_readAndSurviveAnUpdate() throws IOException {
        ConfigFile file = fileWith("""
                humans = ["alice", "bob/desk/pairing"]

                [[servers]]
                url = "wss://a"
                username = "carol"
                machine = "m"
                approver = "alice/laptop/approver"

                [loop_guard]
                max_messages = 5
                reply_secs = 10
                """);

        ConclaveConfig read = file.load();
        assertThat(read.humans()).containsExactly("alice", "bob/desk/pairing");
        assertThat(read.server("wss://a").orElseThrow().approver()).contains("alice/laptop/approver");
        assertThat(read.loopGuard()).isEqualTo(new LoopGuardSettings(5, 600, 10));

        ConclaveConfig updated = file.update(config -> config.withDefaultPermission(PermissionLevel.CONVERSE));
        assertThat(updated.defaultPermission()).isEqualTo(PermissionLevel.CONVERSE);
        assertThat(file.load()).isEqualTo(updated.withDefaultPermission(PermissionLevel.CONVERSE))
                .isEqualTo(read.withDefaultPermission(PermissionLevel.CONVERSE));
    }

    @Test
    void update_invalidFile_failsAndLeavesTheFileAsItWas() throws IOException {
        ConfigFile file = fileWith("default_permission = \"loud\"\n");

        assertThatThrownBy(() -> file.update(config -> config.withDefaultPermission(PermissionLevel.ACT)))
                .isInstanceOf(ConfigException.class);

        assertThat(Files.readString(file.path())).isEqualTo("default_permission = \"loud\"\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            default level misspelt      | # levels\\n\\ndefault_permission = "loud"\\n | 3 | default_permission must be one of mute, notify, converse, act, got "loud"
            default level not a string  | default_permission = 3\\n | 1 | default_permission must be one of mute, notify, converse, act, got 3
            default level upper case    | default_permission = "Notify"\\n | 1 | default_permission must be one of mute, notify, converse, act, got "Notify"
            servers not an array        | servers = "wss://a"\\n | 1 | servers must be an array of tables ([[servers]]), got "wss://a"
            servers a single table      | [servers]\\nurl = "wss://a"\\n | 1 | servers must be an array of tables ([[servers]]), got a table
            servers holding a number    | servers = [1]\\n | 1 | servers must be an array of tables ([[servers]]), got 1 in it
            server url not websocket    | [[servers]]\\nurl = "https://a"\\nusername = "u"\\nmachine = "m"\\n | 2 | [[servers]] url must be a ws:// or wss:// URL, got "https://a"
            server url without host     | [[servers]]\\nurl = "wss://"\\nusername = "u"\\nmachine = "m"\\n | 2 | [[servers]] url must be a ws:// or wss:// URL, got "wss://"
            server url not a string     | [[servers]]\\nurl = 4390\\nusername = "u"\\nmachine = "m"\\n | 2 | [[servers]] url must be a string, got 4390
            server username missing     | [[servers]]\\nurl = "wss://a"\\nmachine = "m"\\n\\n[[servers]]\\nurl = "wss://b"\\nmachine = "m"\\n | 1 | [[servers]] username is required
            second server url missing   | [[servers]]\\nurl = "wss://a"\\nusername = "u"\\nmachine = "m"\\n\\n[[servers]]\\nusername = "u"\\nmachine = "m"\\n | 6 | [[servers]] url is required
            server username with slash  | [[servers]]\\nurl = "wss://a"\\nusername = "a/b"\\nmachine = "m"\\n | 3 | [[servers]] username must be 1-64 characters, not blank, without / or control characters, got "a/b"
            server machine blank        | [[servers]]\\nurl = "wss://a"\\nusername = "u"\\nmachine = "  "\\n | 4 | [[servers]] machine must be 1-64 characters, not blank, without / or control characters, got "  "
            server machine control char | [[servers]]\\nurl = "wss://a"\\nusername = "u"\\nmachine = "a\\u0007"\\n | 4 | [[servers]] machine must be 1-64 characters, not blank, without / or control characters, got "a\\u0007"
            server url twice            | [[servers]]\\nurl = "wss://a"\\nusername = "u"\\nmachine = "m"\\n[[servers]]\\nurl = "wss://a"\\nusername = "v"\\nmachine = "n"\\n | 6 | [[servers]] url "wss://a" is registered twice; keep one [[servers]] table per URL
            override level missing      | [[overrides]]\\nserver = "wss://a"\\nchannel = "ops"\\n | 1 | [[overrides]] level is required
            override level misspelt     | [[overrides]]\\nserver = "wss://a"\\nlevel = "loud"\\n | 3 | [[overrides]] level must be one of mute, notify, converse, act, got "loud"
            override server missing     | [[overrides]]\\nchannel = "ops"\\nlevel = "act"\\n | 1 | [[overrides]] server is required
            override server not a URL   | [[overrides]]\\nserver = "conclave.example"\\nlevel = "act"\\n | 2 | [[overrides]] server must be a ws:// or wss:// URL, got "conclave.example"
            override channel with space | [[overrides]]\\nserver = "wss://a"\\nchannel = "o ps"\\nlevel = "act"\\n | 3 | [[overrides]] channel must be 1-64 characters without /, whitespace or control characters, got "o ps"
            override channel empty      | [[overrides]]\\nserver = "wss://a"\\nchannel = ""\\nlevel = "act"\\n | 3 | [[overrides]] channel must be 1-64 characters without /, whitespace or control characters, got ""
            override channel a number   | [[overrides]]\\nserver = "wss://a"\\nchannel = 7\\nlevel = "act"\\n | 3 | [[overrides]] channel must be a string, got 7
            override scope twice        | [[overrides]]\\nserver = "wss://a"\\nlevel = "act"\\n\\n[[overrides]]\\nserver = "wss://a"\\nlevel = "mute"\\n | 5 | [[overrides]] for server "wss://a" and the whisper scope (no channel key) appears twice; keep one
            approver not a path         | [[servers]]\\nurl = "wss://a"\\nusername = "u"\\nmachine = "m"\\napprover = "alice/laptop"\\n | 5 | [[servers]] approver must be a user/machine/session path of three names (1-64 characters each, not blank, without / or control characters), got "alice/laptop"
            approver empty part         | [[servers]]\\nurl = "wss://a"\\nusername = "u"\\nmachine = "m"\\napprover = "alice//x"\\n | 5 | [[servers]] approver must be a user/machine/session path of three names (1-64 characters each, not blank, without / or control characters), got "alice//x"
            humans not an array         | humans = "alice"\\n | 1 | humans must be an array of strings, got "alice"
            humans holding a number     | humans = ["alice", 3]\\n | 1 | humans must be an array of strings, got 3 in it
            human with two parts        | default_permission = "notify"\\nhumans = ["alice", "alice/laptop"]\\n | 2 | humans entries must be a username or a user/machine/session path (names of 1-64 characters, not blank, without control characters), got "alice/laptop"
            loop guard not a table      | loop_guard = 20\\n | 1 | loop_guard must be a table ([loop_guard]), got 20
            loop guard limit negative   | [loop_guard]\\nwindow_secs = 60\\nmax_messages = -1\\n | 3 | [loop_guard] max_messages must be an integer from 0 to 10000, got -1
            loop guard window zero      | [loop_guard]\\nwindow_secs = 0\\n | 2 | [loop_guard] window_secs must be an integer from 1 to 86400, got 0
            loop guard reply not int    | [loop_guard]\\nreply_secs = "30s"\\n | 2 | [loop_guard] reply_secs must be an integer, got "30s"
            """)
    void load_valueBreakingItsRule_isAnErrorNamingFileLineKeyAndRule(String name, String escapedToml, int line, String problem)
            throws IOException {
        ConfigFile file = fileWith(unescape(escapedToml));

        assertThatThrownBy(file::load)
                .isInstanceOf(ConfigException.class)
                .hasMessage(file.path() + " line " + line + ": " + problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            key defined twice         | a = 1\\nb = 2\\na = 3\\nc = 4\\n | 3 | Duplicate key
            value missing             | a = 1\\nb = \\nc = 3\\n | 2 | Newline not permitted here
            unterminated string       | x = 1\\na = "open\\nb = 2\\n | 2 | Newline not permitted here
            bare word value           | default_permission = notify\\n | 1 | Unknown token
            unclosed array at the end | a = 1\\n\\n# list\\nb = [1,\\n  2,\\n\\n | 4 | the file ends before the value or table header that starts here is complete
            table after array         | [[servers]]\\nurl = "wss://a"\\n[servers]\\n | 3 | Path into existing non-object value of type ARRAY
            """)
    void load_notToml_isAnErrorNamingFileAndLine(String name, String escapedToml, int line, String problem) throws IOException {
        ConfigFile file = fileWith(unescape(escapedToml));

        assertThatThrownBy(file::load)
                .isInstanceOf(ConfigException.class)
                .hasMessage(file.path() + " line " + line + ": invalid TOML: " + problem);
    }

    @Test
    void load_bytesNotUtf8_isAnErrorNamingTheLine() throws IOException {
        Path path = dir.resolve(ConfigFile.FILE_NAME);
        byte[] head = "a = 1\nb = \"".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[head.length + 3];
        System.arraycopy(head, 0, content, 0, head.length);
        content[head.length] = (byte) 0xC3; // a lead byte followed by a quote is not UTF-8
        content[head.length + 1] = '"';
        content[head.length + 2] = '\n';
        Files.write(path, content);

        assertThatThrownBy(() -> new ConfigFile(path).load())
                .isInstanceOf(ConfigException.class)
                .hasMessage(path + " line 2: invalid TOML: the file is not valid UTF-8");
    }

    private ConfigFile fileWith(String toml) throws IOException {
        Path path = dir.resolve(ConfigFile.FILE_NAME);
        Files.writeString(path, toml);
        return new ConfigFile(path);
    }

    /** Turns each {@code \n} of a one-line test table back into a newline. */
    private static String unescape(String escaped) {
        return escaped.replace("\\n", "\n");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
