package conclave.protocol;

/** How error messages quote a value: whole up to 64 code points, else its first 64 and "…". */
final class Excerpt {
    static final int MAX_CODE_POINTS = 64;

    private Excerpt() {}

    static String of(String value) {
        if (value.codePointCount(0, value.length()) <= MAX_CODE_POINTS) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, MAX_CODE_POINTS)) + "…";
    }
}
