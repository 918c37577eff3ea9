package conclave.protocol;

import static java.util.Objects.requireNonNull;

/**
 * The naming rules for usernames, machine names, session handles and channel names.
 *
 * <p>A name is 1–64 characters (Unicode code points), contains no {@code /} and no control
 * characters, and is not made of whitespace only; a channel name contains no whitespace at all.
 * Frames do not apply these rules themselves: the server calls them wherever a name enters, so
 * the check happens at the step the spec orders. Stateless and thread-safe.
 */
public final class Names {
    /** The longest allowed name, in code points. */
    public static final int MAX_LENGTH = 64;

    private Names() {}

    /**
     * Returns {@code value} if it is a valid name of this kind.
     *
     * @throws InvalidNameException naming the kind and the value otherwise
     */
    public static String check(NameKind kind, String value) {
        if (!isValid(kind, value)) {
            throw new InvalidNameException(kind, value);
        }
        return value;
    }

    /** Whether {@code value} is a valid name of this kind. */
    public static boolean isValid(NameKind kind, String value) {
        requireNonNull(kind, "kind");
        requireNonNull(value, "value");
        int length = value.codePointCount(0, value.length());
        if (length < 1 || length > MAX_LENGTH) {
            return false;
        }
        boolean onlyWhitespace = true;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            boolean whitespace = isWhitespace(codePoint);
            if (codePoint == '/' || Character.isISOControl(codePoint)
                    || (whitespace && kind == NameKind.CHANNEL)) {
                return false;
            }
            onlyWhitespace &= whitespace;
            i += Character.charCount(codePoint);
        }
        return !onlyWhitespace;
    }

    /**
     * Returns {@code target} if it is a valid kick target: a username, or a full
     * {@code user/machine/session} path whose three parts are a valid username, machine name and
     * session handle. Text with exactly two slashes is read as a path; anything else as a
     * username.
     *
     * @throws InvalidNameException naming the first invalid part otherwise
     */
    public static String checkKickTarget(String target) {
        String[] parts = target.split("/", -1);
        if (parts.length == 3) {
            check(NameKind.USERNAME, parts[0]);
            check(NameKind.MACHINE, parts[1]);
            check(NameKind.SESSION_HANDLE, parts[2]);
            return target;
        }
        return check(NameKind.USERNAME, target);
    }

    /** Java's whitespace plus the no-break spaces it leaves out, so " " alone is no name. */
    private static boolean isWhitespace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }
}
