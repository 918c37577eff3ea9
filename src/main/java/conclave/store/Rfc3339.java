package conclave.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats instants the way conclave shows them to clients: RFC 3339 in UTC with a {@code +00:00}
 * offset and a fractional part only when it is non-zero, with 3, 6 or 9 digits — for example
 * {@code 2026-07-02T10:11:12+00:00} or {@code 2026-07-02T10:11:12.123456789+00:00}. Thread-safe.
 */
public final class Rfc3339 {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private Rfc3339() {}

    public static String format(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        return SECONDS.format(utc) + fraction(instant.getNano()) + "+00:00";
    }

    private static String fraction(int nanos) {
        if (nanos == 0) {
            return "";
        }
        if (nanos % 1_000_000 == 0) {
            return String.format(Locale.ROOT, ".%03d", nanos / 1_000_000);
        }
        if (nanos % 1_000 == 0) {
            return String.format(Locale.ROOT, ".%06d", nanos / 1_000);
        }
        return String.format(Locale.ROOT, ".%09d", nanos);
    }
}
