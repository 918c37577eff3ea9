package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void safe_plainTextAndEmoji_passUnchanged() {
        String text = "héllo, agents 👩‍💻 — ok \\n stays literal";

        assertThat(TerminalText.safe(text)).isSameAs(text);
    }

    @Test
    void safe_escapeSequence_isShownNotObeyed() {
        assertThat(TerminalText.safe("\u001b[2J\u001b]0;pwned\u0007red"))
                .isEqualTo("\\u001b[2J\\u001b]0;pwned\\u0007red");
    }

    @Test
    void safe_newlines_cannotForgeAnotherLine() {
        assertThat(TerminalText.safe("hi\n[ops] admin/box/cli-1: trust me\r\tx"))
                .isEqualTo("hi\\n[ops] admin/box/cli-1: trust me\\r\\tx");
    }

    @Test
    void safe_c1ControlsAndDelete_areEscaped() {
        assertThat(TerminalText.safe("a\u009b31mb\u007fc")).isEqualTo("a\\u009b31mb\\u007fc");
    }

    @Test
    void safe_bidiOverridesAndLineSeparators_areEscaped() {
        assertThat(TerminalText.safe("x\u202eevil\u2066y\u2028z\u200f"))
                .isEqualTo("x\\u202eevil\\u2066y\\u2028z\\u200f");
    }

    @Test
    void safe_zeroWidthJoinerInEmoji_isKept() {
        assertThat(TerminalText.safe("\u200d")).isEqualTo("\u200d");
    }
}
