package conclave.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where conclave keeps files, following the XDG base directory rules: {@code $XDG_CONFIG_HOME}
 * (default {@code ~/.config}) for the key and {@code config.toml}, {@code $XDG_DATA_HOME}
 * (default {@code ~/.local/share}) for the server's store, each with a {@code conclave}
 * subdirectory. Relative XDG values are ignored, as the specification requires. Immutable.
 */
public final class XdgDirs {
    private static final String APP = "conclave";

    private final Map<String, String> env;
    private final Path home;

    XdgDirs(Map<String, String> env, Path home) {
        this.env = Map.copyOf(env);
        this.home = home;
    }

    /** The directories of the current user and environment. */
    public static XdgDirs current() {
        return new XdgDirs(System.getenv(), Path.of(System.getProperty("user.home")));
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
        return Optional.ofNullable(env.get(variable))
                .filter(value -> !value.isEmpty())
                .map(Path::of)
                .filter(Path::isAbsolute)
                .orElse(fallback);
    }
}
