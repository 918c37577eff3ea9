package conclave.protocol;

import java.util.Locale;
import java.util.Optional;

/** Who can see and join a channel; the ordinal is the bincode variant index. */
public enum Visibility {
    PUBLIC,
    UNLISTED,
    PRIVATE;

    /** The lowercase word used in JSON, the store and user-facing text. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code public}, {@code unlisted} or {@code private} (exact lowercase). */
    public static Optional<Visibility> fromWord(String word) {
        for (Visibility v : values()) {
            if (v.word().equals(word)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
