package conclave.config;

import java.util.Objects;

/**
 * A permission level for one scope of one server, replacing the default there: an
 * {@code [[overrides]]} table of config.toml.
 *
 * @param server the server's URL, exactly as registered
 * @param scope a channel, or the whisper scope
 * @param level the level that applies in that scope
 */
public record PermissionOverride(String server, PermissionScope scope, PermissionLevel level) {
    /** @throws ConfigValueException naming the first invalid field and its rule */
    public PermissionOverride {
        ValueRules.serverUrl("server", server);
        Objects.requireNonNull(scope, "scope");
        ValueRules.required("level", level);
    }

    /** Whether this override is the one for {@code scope} on {@code server}. */
    public boolean appliesTo(String server, PermissionScope scope) {
        return this.server.equals(server) && this.scope.equals(scope);
    }
}
