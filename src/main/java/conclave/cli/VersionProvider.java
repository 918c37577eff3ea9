package conclave.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Answers {@code --version} with {@code conclave <version>} as stamped into the jar by the build. */
final class VersionProvider implements IVersionProvider {
    private static final String RESOURCE = "/conclave-version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"conclave " + version()};
    }

    /** The project version, read from the properties file Maven filters at build time. */
    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            if (version == null || version.isBlank()) {
                throw new IllegalStateException(RESOURCE + " has no `version` entry");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
