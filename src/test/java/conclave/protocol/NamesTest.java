package conclave.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The naming rules of SPEC §6 item 4. */
class NamesTest {
    private static final String GRINNING = "\uD83D\uDE00"; // one code point, two chars

    @ParameterizedTest
    @EnumSource(NameKind.class)
    void check_64Characters_isAccepted(NameKind kind) {
        String name = "a".repeat(64);

        assertThat(Names.check(kind, name)).isEqualTo(name);
    }

    @ParameterizedTest
    @EnumSource(NameKind.class)
    void check_65Characters_isRejected(NameKind kind) {
        assertThat(Names.isValid(kind, "a".repeat(65))).isFalse();
    }

    @Test
    void check_64CodePointsOutsideTheBmp_isAcceptedThough128Chars() {
        String name = GRINNING.repeat(64);

        assertThat(Names.isValid(NameKind.USERNAME, name)).isTrue();
        assertThat(Names.isValid(NameKind.USERNAME, name + GRINNING)).isFalse();
    }

    @Test
    void check_oneCharacter_isAccepted() {
        assertThat(Names.isValid(NameKind.SESSION_HANDLE, "x")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(NameKind.class)
    void check_empty_isRejected(NameKind kind) {
        assertThat(Names.isValid(kind, "")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "/", "a/"})
    void check_slash_isRejected(String name) {
        assertThat(Names.isValid(NameKind.MACHINE, name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "   ", "\t", " \u00A0 ", "\u3000"})
    void check_whitespaceOnly_isRejected(String name) {
        assertThat(Names.isValid(NameKind.USERNAME, name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000", "a\nb", "\u007F", "x\u0085", "tab\there"})
    void check_controlCharacter_isRejected(String name) {
        assertThat(Names.isValid(NameKind.SESSION_HANDLE, name)).isFalse();
    }

    @Test
    void check_innerSpaceInAUsername_isAccepted() {
        assertThat(Names.isValid(NameKind.USERNAME, "aaron smith")).isTrue();
        assertThat(Names.isValid(NameKind.MACHINE, " leading and trailing ")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev ops", " ops", "ops\u00A0", "ops\u2003x"})
    void check_anyWhitespaceInAChannelName_isRejected(String name) {
        assertThat(Names.isValid(NameKind.CHANNEL, name)).isFalse();
    }

    @Test
    void check_unicodeChannelName_isAccepted() {
        assertThat(Names.isValid(NameKind.CHANNEL, "équipe-" + GRINNING)).isTrue();
    }

    @Test
    void check_invalidName_messageNamesTheKindAndValue() {
        assertThatThrownBy(() -> Names.check(NameKind.MACHINE, "a/b"))
                .isInstanceOf(InvalidNameException.class)
                .hasMessage("invalid machine name: `a/b`")
                .extracting(e -> ((InvalidNameException) e).kind())
                .isEqualTo(NameKind.MACHINE);
    }

    @Test
    void check_invalidNameOf64Characters_isShownWhole() {
        String name = "/".repeat(64);

        assertThatThrownBy(() -> Names.check(NameKind.CHANNEL, name))
                .hasMessage("invalid channel name: `" + name + "`");
    }

    @Test
    void check_invalidNameOf65Characters_isShownAsItsFirst64AndAnEllipsis() {
        String name = "b".repeat(64) + GRINNING;

        assertThatThrownBy(() -> Names.check(NameKind.SESSION_HANDLE, name))
                .hasMessage("invalid session handle: `" + "b".repeat(64) + "…`");
    }

    @Test
    void check_longNameOfSupplementaryCharacters_cutsOnCodePoints() {
        String name = GRINNING.repeat(70);

        assertThatThrownBy(() -> Names.check(NameKind.USERNAME, name))
                .hasMessage("invalid username: `" + GRINNING.repeat(64) + "…`");
    }

    @Test
    void checkKickTarget_username_isAccepted() {
        assertThat(Names.checkKickTarget("aaron")).isEqualTo("aaron");
    }

    @Test
    void checkKickTarget_fullPath_isAccepted() {
        assertThat(Names.checkKickTarget("aaron/workstation/razel"))
                .isEqualTo("aaron/workstation/razel");
    }

    @Test
    void checkKickTarget_pathWithAnInvalidPart_namesThatPart() {
        assertThatThrownBy(() -> Names.checkKickTarget("aaron//razel"))
                .hasMessage("invalid machine name: ``");
        assertThatThrownBy(() -> Names.checkKickTarget("aaron/w/ "))
                .hasMessage("invalid session handle: ` `");
        assertThatThrownBy(() -> Names.checkKickTarget("\u0007/w/r"))
                .hasMessage("invalid username: `\u0007`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a/b/c/d", "/"})
    void checkKickTarget_neitherUsernameNorPath_isAnInvalidUsername(String target) {
        assertThatThrownBy(() -> Names.checkKickTarget(target))
                .isInstanceOf(InvalidNameException.class)
                .hasMessage("invalid username: `" + target + "`");
    }
}
