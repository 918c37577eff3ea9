package conclave.protocol;

import java.util.Locale;
import java.util.Optional;

/** How far a queued whisper has got (extension {@code inbox}); the ordinal is the bincode variant index. */
public enum ReceiptState {
    /** Handed to one of the recipient's sessions. */
    DELIVERED,
    /** The recipient's client showed it to its user. */
    READ;

    /** The lowercase word used in JSON and user-facing text. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code delivered} or {@code read} (exact lowercase). */
    public static Optional<ReceiptState> fromWord(String word) {
        for (ReceiptState state : values()) {
            if (state.word().equals(word)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
