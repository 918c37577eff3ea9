package conclave.cli;

/**
 * Makes text from the network safe to print on a terminal: a message body, a sender path or a
 * server's error text must never move the cursor, change colours, retitle the window, start a new
 * line that looks like another message, or reorder what the terminal shows.
 *
 * <p>Every control character (C0, DEL and C1, which covers the ESC and CSI that start terminal
 * escape sequences), the line and paragraph separators and the bidirectional-text controls are
 * written as visible escapes: {@code \n}, {@code \r} and {@code \t} for the usual three, and
 * {@code \}{@code u} with four hex digits for the rest (ESC becomes {@code \u001b}). Everything
 * else, emoji and other scripts included, passes through unchanged. Stateless and thread-safe.
 */
final class TerminalText {
    private TerminalText() {}

    /** {@code text} with every character that could steer the terminal escaped. */
    static String safe(String text) {
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!steers(c)) {
                if (safe != null) {
                    safe.append(c);
                }
                continue;
            }
            if (safe == null) {
                safe = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            switch (c) {
                case '\n' -> safe.append("\\n");
                case '\r' -> safe.append("\\r");
                case '\t' -> safe.append("\\t");
                default -> safe.append(String.format("\\u%04x", (int) c));
            }
        }
        return safe == null ? text : safe.toString();
    }

    /** Control characters, line/paragraph separators and the bidi embedding, override and isolate marks. */
    private static boolean steers(char c) {
        return Character.isISOControl(c)
                || c == '\u2028' || c == '\u2029'
                || c == '\u061c' || c == '\u200e' || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
