package conclave.config;

/**
 * Where a permission override applies on one server: a channel, or the whispers addressed to this
 * session. In config.toml an override with a {@code channel} key has a channel scope and one
 * without has the whisper scope.
 */
public sealed interface PermissionScope permits PermissionScope.Channel, PermissionScope.Whisper {
    /** The scope of one channel. */
    static Channel channel(String name) {
        return new Channel(name);
    }

    /** The scope of whispers. */
    static Whisper whisper() {
        return new Whisper();
    }

    /** How {@code perm show} writes the scope: the channel name, or {@code <whisper>}. */
    String label();

    /**
     * The scope of one channel, named as on the server.
     *
     * @param name 1–64 characters without {@code /}, whitespace or control characters
     */
    record Channel(String name) implements PermissionScope {
        /** @throws ConfigValueException naming {@code channel} and the rule */
        public Channel {
            ValueRules.channelName("channel", name);
        }

        @Override
        public String label() {
            return name;
        }
    }

    /** The scope of whispers to this session on one server. */
    record Whisper() implements PermissionScope {
        @Override
        public String label() {
            return "<whisper>";
        }
    }
}
