package conclave.client;

/**
 * The duration grammar people and agents type, shared by {@code invite create --expires-in},
 * {@code tail --since} and the bridge's {@code catch_up}: an integer followed by {@code s},
 * {@code m}, {@code h} or {@code d}, or a bare integer of seconds, with surrounding whitespace
 * trimmed. Stateless.
 */
public final class DurationText {
    private DurationText() {}

    /** The duration in seconds. @throws IllegalArgumentException {@code invalid duration `<x>`} */
    public static long seconds(String text) {
        String trimmed = text.trim();
        long unit = 1;
        String digits = trimmed;
        if (!trimmed.isEmpty()) {
            switch (trimmed.charAt(trimmed.length() - 1)) {
                case 's' -> unit = 1;
                case 'm' -> unit = 60;
                case 'h' -> unit = 3600;
                case 'd' -> unit = 86_400;
                default -> unit = 0;
            }
            if (unit != 0) {
                digits = trimmed.substring(0, trimmed.length() - 1);
            } else {
                unit = 1;
            }
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(text);
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration `" + text + "`");
    }
}
