package conclave.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Finds the constants of a wire enum by bincode variant index and by JSON name. Built once per
 * enum; immutable and thread-safe.
 */
final class WireVariants<K extends Enum<K>> {
    private final List<K> byIndex;
    private final Map<String, K> byJsonName = new HashMap<>();

    /**
     * @throws IllegalStateException if the constants are not declared in index order 0, 1, 2, …
     *     (indices are append-only, so declaration order is the wire order)
     */
    WireVariants(K[] values, ToIntFunction<K> index, Function<K, String> jsonName) {
        for (int i = 0; i < values.length; i++) {
            if (index.applyAsInt(values[i]) != i) {
                throw new IllegalStateException(values[i] + " is declared at position " + i
                        + " but has index " + index.applyAsInt(values[i]));
            }
            byJsonName.put(jsonName.apply(values[i]), values[i]);
        }
        this.byIndex = List.of(values);
    }

    /** The constant with this bincode index, or empty for an unknown index. */
    Optional<K> fromIndex(long index) {
        return index >= 0 && index < byIndex.size() ? Optional.of(byIndex.get((int) index)) : Optional.empty();
    }

    /** The constant with this JSON name, or empty for an unknown name. */
    Optional<K> fromJsonName(String jsonName) {
        return Optional.ofNullable(byJsonName.get(jsonName));
    }
}
