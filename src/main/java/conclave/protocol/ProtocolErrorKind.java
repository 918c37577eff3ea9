package conclave.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The five error kinds an {@code error} frame carries, in bincode index order. */
public enum ProtocolErrorKind {
    VERSION_MISMATCH(0, "version_mismatch"),
    MALFORMED_FRAME(1, "malformed_frame"),
    UNAUTHORIZED(2, "unauthorized"),
    NOT_FOUND(3, "not_found"),
    INTERNAL(4, "internal");

    private static final ProtocolErrorKind[] BY_INDEX = values();
    private static final Map<String, ProtocolErrorKind> BY_JSON_NAME = new HashMap<>();

    static {
        for (ProtocolErrorKind kind : BY_INDEX) {
            BY_JSON_NAME.put(kind.jsonName, kind);
        }
    }

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
        return index >= 0 && index < BY_INDEX.length
                ? Optional.of(BY_INDEX[(int) index])
                : Optional.empty();
    }

    /** The kind with this JSON {@code kind} name, or empty for an unknown name. */
    public static Optional<ProtocolErrorKind> fromJsonName(String jsonName) {
        return Optional.ofNullable(BY_JSON_NAME.get(jsonName));
    }
}
