package conclave.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionPathTest {
    @Test
    void text_anyPath_joinsThePartsWithSlashes() {
        assertThat(new SessionPath("aaron", "workstation", "razel").text())
                .isEqualTo("aaron/workstation/razel");
    }

    @Test
    void parse_threeNonEmptyParts_givesThePath() {
        assertThat(SessionPath.parse("aaron/workstation/razel"))
                .contains(new SessionPath("aaron", "workstation", "razel"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a/b", "a/b/c/d", "/b/c", "a//c", "a/b/", "//", "a/b/c/"})
    void parse_notExactlyThreeNonEmptyParts_givesEmpty(String text) {
        assertThat(SessionPath.parse(text)).isEmpty();
    }

    @Test
    void unstamped_isTheOnlyPathReportingItself() {
        assertThat(SessionPath.UNSTAMPED.isUnstamped()).isTrue();
        assertThat(new SessionPath("a", "w", "r").isUnstamped()).isFalse();
    }
}
