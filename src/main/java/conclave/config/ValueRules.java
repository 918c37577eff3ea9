package conclave.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The rules every config.toml value follows. Each check returns the value or throws a
 * {@link ConfigValueException} that names the key and the rule and quotes the value.
 *
 * <p>Names follow the same rule as the server's ({@code conclave.protocol.Names}, SPEC §6 item
 * 4), restated here because config is a leaf layer; a test keeps the two in agreement.
 */
final class ValueRules {
    static final int MAX_NAME_LENGTH = 64;

    private ValueRules() {}

    static <T> T required(String key, T value) {
        if (value == null) {
            throw new ConfigValueException(key, key + " is required");
        }
        return value;
    }

    /** A server URL: {@code ws://} or {@code wss://} with a host. */
    static String serverUrl(String key, String value) {
        required(key, value);
        if (!isServerUrl(value)) {
            throw new ConfigValueException(key, key + " must be a ws:// or wss:// URL, got " + quote(value));
        }
        return value;
    }

    /** A username or machine name: 1–64 characters, no {@code /}, no control characters, not blank. */
    static String name(String key, String value) {
        required(key, value);
        if (!isName(value, false)) {
            throw new ConfigValueException(
                    key, key + " must be 1-64 characters, not blank, without / or control characters, got " + quote(value));
        }
        return value;
    }

    /** An integer from {@code min} to {@code max}. */
    static long range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigValueException(key, key + " must be an integer from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /** A {@code user/machine/session} path whose three parts are names. */
    static String sessionPath(String key, String value) {
        required(key, value);
        if (!isSessionPath(value)) {
            throw new ConfigValueException(key, key + " must be a user/machine/session path of three names"
                    + " (1-64 characters each, not blank, without / or control characters), got " + quote(value));
        }
        return value;
    }

    /** A human in the {@code humans} list: a username (every session of that user) or a full session path. */
    static String human(String key, String value) {
        required(key, value);
        if (!isName(value, false) && !isSessionPath(value)) {
            throw new ConfigValueException(key, key + " entries must be a username or a user/machine/session path"
                    + " (names of 1-64 characters, not blank, without control characters), got " + quote(value));
        }
        return value;
    }

    static boolean isSessionPath(String value) {
        String[] parts = value.split("/", -1);
        return parts.length == 3 && isName(parts[0], false) && isName(parts[1], false) && isName(parts[2], false);
    }

    /** A channel name: a name without any whitespace. */
    static String channelName(String key, String value) {
        required(key, value);
        if (!isName(value, true)) {
            throw new ConfigValueException(
                    key, key + " must be 1-64 characters without /, whitespace or control characters, got " + quote(value));
        }
        return value;
    }

    static boolean isServerUrl(String value) {
        if (!isWellFormed(value)) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            return scheme != null
                    && (scheme.toLowerCase(Locale.ROOT).equals("ws") || scheme.toLowerCase(Locale.ROOT).equals("wss"))
                    && uri.getRawAuthority() != null
                    && !uri.getRawAuthority().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean isName(String value, boolean channel) {
        int length = value.codePointCount(0, value.length());
        if (length < 1 || length > MAX_NAME_LENGTH) {
            return false;
        }
        boolean onlyWhitespace = true;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            boolean whitespace = Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
            if (codePoint == '/'
                    || Character.isISOControl(codePoint)
                    || Character.getType(codePoint) == Character.SURROGATE
                    || (whitespace && channel)) {
                return false;
            }
            onlyWhitespace &= whitespace;
            i += Character.charCount(codePoint);
        }
        return !onlyWhitespace;
    }

    /** Whether {@code value} has no unpaired surrogate, so it can be written as UTF-8. */
    static boolean isWellFormed(String value) {
        return value.codePoints().noneMatch(codePoint -> Character.getType(codePoint) == Character.SURROGATE);
    }

    /**
     * {@code value} in double quotes with {@code "}, {@code \} and control characters escaped as
     * in TOML; cut after 64 characters so one wild value cannot flood the terminal.
     */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i)), shown++) {
            if (shown == MAX_NAME_LENGTH) {
                return quoted.append("…\"").toString();
            }
            TomlText.appendEscaped(quoted, value.codePointAt(i));
        }
        return quoted.append('"').toString();
    }
}
