package conclave.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The config model: registrations keyed by URL, overrides per (server, scope), level resolution. */
class ConclaveConfigTest {
    private static final String A = "wss://a.example";
    private static final String B = "ws://127.0.0.1:4390/";

    @Test
    void defaults_areNotifyWithNothingRegistered() {
        ConclaveConfig config = ConclaveConfig.defaults();

        assertThat(config.defaultPermission()).isEqualTo(PermissionLevel.NOTIFY);
        assertThat(config.servers()).isEmpty();
        assertThat(config.overrides()).isEmpty();
    }

    @Test
    void withServer_sameUrl_replacesItAndMovesItToTheEnd() {
        ConclaveConfig config = ConclaveConfig.defaults()
                .withServer(new ServerRegistration(A, "ada", "laptop"))
                .withServer(new ServerRegistration(B, "ada", "laptop"));

        ConclaveConfig changed = config.withServer(new ServerRegistration(A, "ada2", "desk"));

        assertThat(changed.servers()).containsExactly(
                new ServerRegistration(B, "ada", "laptop"), new ServerRegistration(A, "ada2", "desk"));
        assertThat(changed.server(A)).contains(new ServerRegistration(A, "ada2", "desk"));
    }

    @Test
    void server_urlDifferingOnlyInTrailingSlash_isAnotherServer() {
        ConclaveConfig config = ConclaveConfig.defaults().withServer(new ServerRegistration(A, "ada", "laptop"));

        assertThat(config.server(A + "/")).isEmpty();
    }

    @Test
    void withoutServer_dropsTheRegistrationAndItsOverridesOnly() {
        ConclaveConfig config = ConclaveConfig.defaults()
                .withServer(new ServerRegistration(A, "ada", "laptop"))
                .withServer(new ServerRegistration(B, "ada", "laptop"))
                .withOverride(new PermissionOverride(A, PermissionScope.channel("ops"), PermissionLevel.ACT))
                .withOverride(new PermissionOverride(B, PermissionScope.channel("ops"), PermissionLevel.ACT))
                .withOverride(new PermissionOverride(A, PermissionScope.whisper(), PermissionLevel.CONVERSE));

        ConclaveConfig changed = config.withoutServer(A);

        assertThat(config.overridesFor(A)).hasSize(2);
        assertThat(changed.servers()).extracting(ServerRegistration::url).containsExactly(B);
        assertThat(changed.overrides()).containsExactly(
                new PermissionOverride(B, PermissionScope.channel("ops"), PermissionLevel.ACT));
    }

    @Test
    void withOverride_sameServerAndScope_replacesItAtTheEnd() {
        ConclaveConfig config = ConclaveConfig.defaults()
                .withOverride(new PermissionOverride(A, PermissionScope.channel("ops"), PermissionLevel.ACT))
                .withOverride(new PermissionOverride(A, PermissionScope.whisper(), PermissionLevel.CONVERSE));

        ConclaveConfig changed =
                config.withOverride(new PermissionOverride(A, PermissionScope.channel("ops"), PermissionLevel.MUTE));

        assertThat(changed.overrides()).containsExactly(
                new PermissionOverride(A, PermissionScope.whisper(), PermissionLevel.CONVERSE),
                new PermissionOverride(A, PermissionScope.channel("ops"), PermissionLevel.MUTE));
    }

    @Test
    void withoutOverride_removesOnlyThatScope() {
        ConclaveConfig config = ConclaveConfig.defaults()
                .withOverride(new PermissionOverride(A, PermissionScope.channel("ops"), PermissionLevel.ACT))
                .withOverride(new PermissionOverride(A, PermissionScope.whisper(), PermissionLevel.CONVERSE));

        ConclaveConfig changed = config.withoutOverride(A, PermissionScope.whisper());

        assertThat(changed.overrides()).containsExactly(
                new PermissionOverride(A, PermissionScope.channel("ops"), PermissionLevel.ACT));
        assertThat(changed.override(A, PermissionScope.whisper())).isEmpty();
    }

    @Test
    void level_followsOverrideThenDefault() {
        ConclaveConfig config = ConclaveConfig.defaults()
                .withDefaultPermission(PermissionLevel.CONVERSE)
                .withOverride(new PermissionOverride(A, PermissionScope.channel("ops"), PermissionLevel.ACT))
                .withOverride(new PermissionOverride(A, PermissionScope.whisper(), PermissionLevel.MUTE));

        assertThat(config.channelLevel(A, "ops")).isEqualTo(PermissionLevel.ACT);
        assertThat(config.channelLevel(A, "lobby")).isEqualTo(PermissionLevel.CONVERSE);
        assertThat(config.whisperLevel(A)).isEqualTo(PermissionLevel.MUTE);
        assertThat(config.channelLevel(B, "ops")).isEqualTo(PermissionLevel.CONVERSE);
        assertThat(config.whisperLevel(B)).isEqualTo(PermissionLevel.CONVERSE);
    }

    @Test
    void level_channelNamedLikeTheWhisperLabel_isStillAChannel() {
        ConclaveConfig config = ConclaveConfig.defaults()
                .withOverride(new PermissionOverride(A, PermissionScope.whisper(), PermissionLevel.ACT));

        assertThat(config.channelLevel(A, "<whisper>")).isEqualTo(PermissionLevel.NOTIFY);
    }

    @Test
    void constructor_serverTwice_isRejectedNamingTheUrl() {
        List<ServerRegistration> twice =
                List.of(new ServerRegistration(A, "ada", "laptop"), new ServerRegistration(A, "bob", "desk"));

        assertThatThrownBy(() -> new ConclaveConfig(PermissionLevel.NOTIFY, twice, List.of()))
                .isInstanceOf(ConfigValueException.class)
                .hasMessage("[[servers]] url \"wss://a.example\" is registered twice; keep one [[servers]] table per URL");
    }

    @Test
    void constructor_scopeTwice_isRejected() {
        List<PermissionOverride> twice = List.of(
                new PermissionOverride(A, PermissionScope.channel("ops"), PermissionLevel.ACT),
                new PermissionOverride(A, PermissionScope.channel("ops"), PermissionLevel.MUTE));

        assertThatThrownBy(() -> new ConclaveConfig(PermissionLevel.NOTIFY, List.of(), twice))
                .isInstanceOf(ConfigValueException.class)
                .hasMessage("[[overrides]] for server \"wss://a.example\" and channel \"ops\" appears twice; keep one");
    }

    @Test
    void constructor_listsAreCopied() {
        java.util.ArrayList<ServerRegistration> servers = new java.util.ArrayList<>();
        ConclaveConfig config = new ConclaveConfig(PermissionLevel.NOTIFY, servers, List.of());

        servers.add(new ServerRegistration(A, "ada", "laptop"));

        assertThat(config.servers()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws://localhost:4390", "wss://conclave.example", "WSS://conclave.example/path?via=x", "ws://[::1]:4390/"})
    void registration_websocketUrl_isAccepted(String url) {
        assertThat(new ServerRegistration(url, "ada", "laptop").url()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "conclave.example", "http://conclave.example", "wss://", "wss:///path", "ws://a b", "wss:conclave"})
    void registration_otherUrl_isRejectedNamingTheKey(String url) {
        assertThatThrownBy(() -> new ServerRegistration(url, "ada", "laptop"))
                .isInstanceOf(ConfigValueException.class)
                .hasMessageStartingWith("url must be a ws:// or wss:// URL, got ")
                .extracting(e -> ((ConfigValueException) e).key())
                .isEqualTo("url");
    }

    @Test
    void registration_missingUsername_isRequired() {
        assertThatThrownBy(() -> new ServerRegistration(A, null, "laptop"))
                .isInstanceOf(ConfigValueException.class)
                .hasMessage("username is required");
    }

    @Test
    void names_64CharactersAccepted_65Rejected() {
        assertThat(new ServerRegistration(A, "a".repeat(64), "m").username()).hasSize(64);
        assertThatThrownBy(() -> new ServerRegistration(A, "a".repeat(65), "m"))
                .hasMessageStartingWith("username must be 1-64 characters");
        assertThat(PermissionScope.channel("c".repeat(64)).name()).hasSize(64);
        assertThatThrownBy(() -> PermissionScope.channel("c".repeat(65)))
                .hasMessageStartingWith("channel must be 1-64 characters");
    }

    @Test
    void quote_longValue_isCutAfter64Characters() {
        assertThatThrownBy(() -> new ServerRegistration(A, "u", "/".repeat(100)))
                .hasMessageEndingWith("got \"" + "/".repeat(64) + "…\"");
    }

    @Test
    void scope_labels_areChannelNameOrWhisper() {
        assertThat(PermissionScope.channel("ops").label()).isEqualTo("ops");
        assertThat(PermissionScope.whisper().label()).isEqualTo("<whisper>");
        assertThat(PermissionScope.whisper()).isEqualTo(PermissionScope.whisper());
    }
}
