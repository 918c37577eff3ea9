package conclave.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;

/**
 * The file {@code <config-dir>/config.toml}: registrations and permission levels (reference
 * cli.md §2.3). A missing file reads as {@link ConclaveConfig#defaults()}; a file that is not
 * valid TOML, or holds a value that breaks its rule, is an error naming the file, the line and
 * the rule, never a silent reset. Writes are atomic and leave the file readable by its owner only
 * (mode 0600).
 *
 * <p>Immutable and thread-safe. There is no lock across processes: two programs updating the file
 * at the same moment cannot corrupt it, but the later write wins.
 */
public final class ConfigFile {
    /** The file's name inside the config directory. */
    public static final String FILE_NAME = "config.toml";

    private final Path path;

    public ConfigFile(Path path) {
        this.path = path;
    }

    /** The config.toml inside {@code configDir}. */
    public static ConfigFile in(Path configDir) {
        return new ConfigFile(configDir.resolve(FILE_NAME));
    }

    public Path path() {
        return path;
    }

    /**
     * Reads the configuration; a missing file gives the defaults.
     *
     * @throws ConfigException if the file cannot be read or is not a valid config.toml
     */
    public ConclaveConfig load() {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException absent) {
            return ConclaveConfig.defaults();
        } catch (IOException e) {
            throw new ConfigException("failed to read config `" + path + "`: " + AtomicFile.reason(e));
        }
        String text = utf8(content);
        try {
            return ConfigToml.read(text);
        } catch (JacksonException notToml) {
            TomlLocator.SyntaxError error = new TomlLocator(text).syntaxError(notToml);
            throw new ConfigException(path + " line " + error.line() + ": invalid TOML: " + error.problem());
        } catch (ConfigValueException broken) {
            int line = new TomlLocator(text).lineOf(broken.path());
            throw new ConfigException(path + " line " + line + ": " + broken.getMessage(), broken);
        }
    }

    /**
     * Replaces the file with {@code config}, atomically, creating the directory if needed.
     *
     * @throws ConfigException if the file cannot be written; the previous file is then unchanged
     */
    public void save(ConclaveConfig config) {
        byte[] content = ConfigToml.render(config).getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFile.write(path, content, AtomicFile.OWNER_ONLY);
        } catch (IOException e) {
            throw new ConfigException("failed to write config `" + path + "`: " + AtomicFile.reason(e));
        }
    }

    /**
     * Loads the configuration, applies {@code change} and saves the result.
     *
     * @return the configuration as saved
     * @throws ConfigException as {@link #load()} and {@link #save(ConclaveConfig)}; nothing is
     *     written if loading or {@code change} fails
     */
    public ConclaveConfig update(UnaryOperator<ConclaveConfig> change) {
        ConclaveConfig changed = change.apply(load());
        save(changed);
        return changed;
    }

    /** The file's text; bytes that are not UTF-8 are an error naming their line. */
    private String utf8(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += content[i] == '\n' ? 1 : 0;
            }
            throw new ConfigException(path + " line " + line + ": invalid TOML: the file is not valid UTF-8");
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
