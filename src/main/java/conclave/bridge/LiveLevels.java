package conclave.bridge;

import conclave.config.ConclaveConfig;
import conclave.config.ConfigValueException;
import conclave.config.PermissionLevel;
import conclave.config.PermissionOverride;
import conclave.config.PermissionScope;

/**
 * The autonomy levels in force: a copy of config.toml's, changed live by {@code set_perm},
 * {@code join_channel perm} and the loop guard, and never written back. Not thread-safe: the
 * dispatcher's thread only.
 */
final class LiveLevels {
    private ConclaveConfig config;

    LiveLevels(ConclaveConfig config) {
        this.config = config;
    }

    /** The level of a channel; a name no override can hold (the server's to judge) has the default. */
    PermissionLevel channel(String server, String channel) {
        try {
            return config.channelLevel(server, channel);
        } catch (ConfigValueException unnamable) {
            return config.defaultPermission();
        }
    }

    /** The level of whispers to this session on {@code server}. */
    PermissionLevel whisper(String server) {
        return config.whisperLevel(server);
    }

    /** Sets the level of {@code scope} on {@code server}, replacing any earlier one. */
    void set(String server, PermissionScope scope, PermissionLevel level) {
        config = config.withOverride(new PermissionOverride(server, scope, level));
    }

    /** Sets the machine default, for every scope without a level of its own. */
    void setDefault(PermissionLevel level) {
        config = config.withDefaultPermission(level);
    }

    /** The scope of a channel named in a tool argument; a name no channel can have fails naming the rule. */
    static PermissionScope channelScope(String channel) {
        try {
            return PermissionScope.channel(channel);
        } catch (ConfigValueException invalid) {
            throw new ToolFailure(invalid.getMessage());
        }
    }
}
