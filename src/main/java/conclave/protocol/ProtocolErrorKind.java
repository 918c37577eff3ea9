package conclave.protocol;

import java.util.Optional;

/** The five error kinds an {@code error} frame carries, in bincode index order. */
public enum ProtocolErrorKind {
    VERSION_MISMATCH(0, "version_mismatch"),
    MALFORMED_FRAME(1, "malformed_frame"),
    UNAUTHORIZED(2, "unauthorized"),
    NOT_FOUND(3, "not_found"),
    INTERNAL(4, "internal");

    private static final WireVariants<ProtocolErrorKind> VARIANTS =
            new WireVariants<>(values(), ProtocolErrorKind::index, ProtocolErrorKind::jsonName);

    private final int index;
    private final String jsonName;

    ProtocolErrorKind(int index, String jsonName) {
        this.index = index;
        this.jsonName = jsonName;
    }

    /** The bincode variant index. */
    public int index() {
        return index;
    }

    /** The JSON {@code kind} value, e.g. {@code not_found}. */
    public String jsonName() {
        return jsonName;
    }

    /** The kind with this bincode index, or empty for an unknown index. */
    public static Optional<ProtocolErrorKind> fromIndex(long index) {
        return VARIANTS.fromIndex(index);
    }

    /** The kind with this JSON {@code kind} name, or empty for an unknown name. */
    public static Optional<ProtocolErrorKind> fromJsonName(String jsonName) {
        return VARIANTS.fromJsonName(jsonName);
    }
}
