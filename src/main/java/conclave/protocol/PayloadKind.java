package conclave.protocol;

import java.util.Optional;

/** The two kinds of message body, with their bincode index and JSON key. */
public enum PayloadKind {
    PLAIN(0, "plain"),
    ENCRYPTED(1, "encrypted");

    private static final WireVariants<PayloadKind> VARIANTS =
            new WireVariants<>(values(), PayloadKind::index, PayloadKind::jsonName);

    private final int index;
    private final String jsonName;

    PayloadKind(int index, String jsonName) {
        this.index = index;
        this.jsonName = jsonName;
    }

    /** The bincode variant index. */
    public int index() {
        return index;
    }

    /** The kind with this bincode index, or empty for an unknown index. */
    public static Optional<PayloadKind> fromIndex(long index) {
        return VARIANTS.fromIndex(index);
    }

    /** The key that wraps this kind's content in JSON, e.g. {@code {"plain": "…"}}. */
    public String jsonName() {
        return jsonName;
    }
}
