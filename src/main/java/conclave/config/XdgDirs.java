package conclave.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where conclave keeps files, following the XDG base directory rules: {@code $XDG_CONFIG_HOME}
 * (default {@code ~/.config}) for the key and {@code config.toml}, {@code $XDG_DATA_HOME}
 * (default {@code ~/.local/share}) for the server's store, each with a {@code conclave}
 * subdirectory. {@code ~} is {@code $HOME}. Relative values are ignored, as the specification
 * requires. Immutable.
 */
public final class XdgDirs {
    private static final String APP = "conclave";

    private final Map<String, String> env;
    private final Path home;

    /**
     * @param env the environment; an absolute {@code HOME} in it is the home directory
     * @param accountHome the home directory when {@code HOME} is unset or relative
     */
    XdgDirs(Map<String, String> env, Path accountHome) {
        this.env = Map.copyOf(env);
        this.home = absolute(env.get("HOME")).orElse(accountHome);
    }

    /** The directories of the current user and environment. */
    public static XdgDirs current() {
        return new XdgDirs(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The home directory: {@code $HOME}, as shells and Claude Code use it, or the account's home
     * directory if {@code HOME} is unset or not absolute.
     */
    public Path home() {
        return home;
    }

    /** {@code $XDG_CONFIG_HOME/conclave}, or {@code ~/.config/conclave}. */
    public Path configDir() {
        return base("XDG_CONFIG_HOME", home.resolve(".config")).resolve(APP);
    }

    /** {@code $XDG_DATA_HOME/conclave}, or {@code ~/.local/share/conclave}. */
    public Path dataDir() {
        return base("XDG_DATA_HOME", home.resolve(".local").resolve("share")).resolve(APP);
    }

    private Path base(String variable, Path fallback) {
        return absolute(env.get(variable)).orElse(fallback);
    }

    private static Optional<Path> absolute(String value) {
        return Optional.ofNullable(value)
                .filter(text -> !text.isEmpty())
                .map(Path::of)
                .filter(Path::isAbsolute);
    }
}
