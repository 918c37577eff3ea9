package conclave.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server admins named at startup ({@code --admin USER[=PUBKEY]}, {@code CONCLAVE_ADMINS}).
 * Admin status belongs to the username; a pinned key only restricts who may register that name.
 * Immutable and thread-safe.
 */
final class AdminAllowlist {
    /** username → pinned key text, or empty for an unpinned name. */
    private final Map<String, Optional<String>> entries;

    private AdminAllowlist(Map<String, Optional<String>> entries) {
        this.entries = Map.copyOf(entries);
    }

    static AdminAllowlist none() {
        return new AdminAllowlist(Map.of());
    }

    /**
     * Parses specs such as {@code alice}, {@code alice=<key>} or {@code alice,bob=<key>}: each
     * comma-separated item is split at its first {@code =}; nothing is trimmed.
     *
     * @throws IllegalArgumentException naming the spec if an item has an empty username or key
     */
    static AdminAllowlist parse(List<String> specs) {
        Map<String, Optional<String>> entries = new LinkedHashMap<>();
        for (String spec : specs) {
            for (String item : spec.split(",", -1)) {
                int eq = item.indexOf('=');
                String user = eq < 0 ? item : item.substring(0, eq);
                Optional<String> pin = eq < 0 ? Optional.empty() : Optional.of(item.substring(eq + 1));
                if (user.isEmpty() || pin.filter(String::isEmpty).isPresent()) {
                    throw new IllegalArgumentException(
                            "invalid admin `" + item + "`: expected USER or USER=PUBKEY");
                }
                entries.put(user, pin);
            }
        }
        return new AdminAllowlist(entries);
    }

    boolean isAdmin(String username) {
        return entries.containsKey(username);
    }

    /** The key that alone may register {@code username}, if it is a pinned admin name. */
    Optional<String> pinnedKey(String username) {
        return entries.getOrDefault(username, Optional.empty());
    }

    /** Admin names anyone could claim first, sorted; the server warns about each at startup. */
    List<String> unpinned() {
        List<String> names = new ArrayList<>();
        entries.forEach((user, pin) -> {
            if (pin.isEmpty()) {
                names.add(user);
            }
        });
        names.sort(null);
        return names;
    }
}
