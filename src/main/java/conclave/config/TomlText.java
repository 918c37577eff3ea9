package conclave.config;

/** TOML basic strings: the quoting config.toml uses for every string it writes. */
final class TomlText {
    private TomlText() {}

    /** {@code value} as a TOML basic string, in double quotes. */
    static String basicString(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(codePoint -> appendEscaped(quoted, codePoint));
        return quoted.append('"').toString();
    }

    /** Appends one code point, escaped as a TOML basic string requires. */
    static void appendEscaped(StringBuilder out, int codePoint) {
        switch (codePoint) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\b' -> out.append("\\b");
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case '\f' -> out.append("\\f");
            case '\r' -> out.append("\\r");
            default -> {
                if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.SURROGATE) {
                    out.append(String.format("\\u%04X", codePoint));
                } else {
                    out.appendCodePoint(codePoint);
                }
            }
        }
    }
}
