package conclave.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionLevelTest {
    @Test
    void levels_areOrderedMuteNotifyConverseAct() {
        assertThat(PermissionLevel.values()).containsExactly(
                PermissionLevel.MUTE, PermissionLevel.NOTIFY, PermissionLevel.CONVERSE, PermissionLevel.ACT);
        assertThat(PermissionLevel.ACT.isAtLeast(PermissionLevel.CONVERSE)).isTrue();
        assertThat(PermissionLevel.NOTIFY.isAtLeast(PermissionLevel.CONVERSE)).isFalse();
        assertThat(PermissionLevel.NOTIFY.isAtLeast(PermissionLevel.NOTIFY)).isTrue();
    }

    @Test
    void mayEmit_onlyConverseAndAct() {
        assertThat(PermissionLevel.MUTE.mayEmit()).isFalse();
        assertThat(PermissionLevel.NOTIFY.mayEmit()).isFalse();
        assertThat(PermissionLevel.CONVERSE.mayEmit()).isTrue();
        assertThat(PermissionLevel.ACT.mayEmit()).isTrue();
    }

    @Test
    void default_isNotify() {
        assertThat(PermissionLevel.DEFAULT).isEqualTo(PermissionLevel.NOTIFY);
    }

    @ParameterizedTest
    @EnumSource(PermissionLevel.class)
    void parse_ownText_roundTrips(PermissionLevel level) {
        assertThat(PermissionLevel.parse(level.text())).isEqualTo(level);
        assertThat(level).hasToString(level.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"loud", "", "Notify", " act", "MUTE"})
    void parse_anythingElse_namesTheValueAndTheChoices(String text) {
        assertThatThrownBy(() -> PermissionLevel.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown permission level `" + text + "` (expected mute, notify, converse, or act)");
    }
}
