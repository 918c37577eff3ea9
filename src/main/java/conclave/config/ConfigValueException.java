package conclave.config;

import java.util.List;

/**
 * A configuration value that breaks its rule. The message names the key and the rule, and shows
 * the offending value: {@code default_permission must be one of mute, notify, converse, act, got
 * "loud"}. {@link ConfigFile} adds the file and the line when the value came from config.toml.
 */
public final class ConfigValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Where the value sits in the TOML document: table keys and array indexes, outermost first. */
    private final transient List<Object> path;

    ConfigValueException(List<Object> path, String message) {
        super(message);
        this.path = List.copyOf(path);
    }

    ConfigValueException(String key, String message) {
        this(List.of(key), message);
    }

    /** The key whose value broke the rule, e.g. {@code url} or {@code default_permission}. */
    public String key() {
        return path.get(path.size() - 1).toString();
    }

    List<Object> path() {
        return path;
    }
}
