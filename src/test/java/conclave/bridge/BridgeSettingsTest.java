package conclave.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import conclave.config.ConclaveConfig;
import conclave.config.PermissionLevel;
import conclave.config.ServerRegistration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Server selection and the session handle (reference/bridge.md §1.1, §6.9). */
class BridgeSettingsTest {
    private static final ConclaveConfig TWO = DispatcherRig.config(PermissionLevel.NOTIFY, "ws://a", "ws://b");

    private static BridgeSettings select(ConclaveConfig config, List<String> chosen) {
        return BridgeSettings.select(config, chosen, Optional.empty(), "proj", true, "v");
    }

    @Test
    void select_noServerFlag_takesEveryRegistrationInFileOrder() {
        assertThat(select(TWO, List.of()).servers()).extracting(ServerRegistration::url).containsExactly("ws://a", "ws://b");
    }

    @Test
    void select_serverFlags_keepOnlyExactMatchesAndIgnoreTheRest() {
        assertThat(select(TWO, List.of("ws://b", "ws://b/", "ws://unknown")).servers())
                .extracting(ServerRegistration::url).containsExactly("ws://b");
    }

    @Test
    void select_nothingSelected_failsBeforeAnyMcpTraffic() {
        assertThatThrownBy(() -> select(TWO, List.of("ws://unknown")))
                .hasMessage("no known server to connect to (register one first, or pass --server)");
        assertThatThrownBy(() -> select(ConclaveConfig.defaults(), List.of()))
                .hasMessageContaining("no known server");
    }

    @Test
    void handle_defaultedFromTheDirectory_renamesWithGenerations() {
        SessionHandle handle = select(TWO, List.of()).handle();

        assertThat(handle.current()).isEqualTo("proj");
        assertThat(handle.next()).isEqualTo("proj-2");
        assertThat(handle.next()).isEqualTo("proj-3");
    }

    @Test
    void handle_rootDirectory_isSession() {
        assertThat(SessionHandle.defaulted("").current()).isEqualTo("session");
    }

    @Test
    void handle_explicit_isNeverRenamed() {
        SessionHandle handle = BridgeSettings.select(TWO, List.of(), Optional.of("pinned"), "proj", true, "v").handle();

        assertThat(handle.current()).isEqualTo("pinned");
        assertThat(handle.isExplicit()).isTrue();
        assertThatThrownBy(handle::next).isInstanceOf(IllegalStateException.class);
    }
}
