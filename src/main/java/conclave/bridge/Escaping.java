package conclave.bridge;

/**
 * Escapes text that goes inside a tag or an attribute of what the model reads, so inbound data can
 * never close or forge a {@code <channel>} or {@code <whisper>} tag (reference/bridge.md §3.7).
 * Stateless.
 */
final class Escaping {
    private Escaping() {}

    /** One left-to-right pass: {@code &}, {@code <}, {@code >} and {@code "} become entities. */
    static String markup(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
