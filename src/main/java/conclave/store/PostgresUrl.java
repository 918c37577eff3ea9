package conclave.store;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * Where a PostgreSQL store lives: a pgjdbc URL ({@code jdbc:postgresql://HOST[:PORT]/DATABASE}) and
 * the credentials to connect with. The user and password come from the URL's {@code user=} and
 * {@code password=} parameters or, where the URL has none, from {@code PGUSER} and
 * {@code PGPASSWORD} as libpq reads them.
 *
 * <p>{@link #toString()} and {@link #masked()} hide the password; only {@link #jdbcUrl()} has it.
 */
public final class PostgresUrl {
    /** What every accepted URL starts with. */
    public static final String PREFIX = "jdbc:postgresql://";

    /** A {@code password=} parameter's value, up to the next parameter. */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");

    private final String jdbcUrl;
    private final Optional<String> user;
    private final Optional<String> password;

    private PostgresUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * Parses a store URL, taking missing credentials from {@code environment}.
     *
     * @throws IllegalArgumentException naming the rule, with the password masked, if {@code text}
     *     is not a pgjdbc URL for a host and database
     */
    public static PostgresUrl parse(String text, Map<String, String> environment) {
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("unsupported store `" + mask(text) + "`: expected " + PREFIX
                    + "HOST[:PORT]/DATABASE[?user=…&password=…] (leave it out for SQLite in the data directory)");
        }
        Properties parsed = Driver.parseURL(text, null);
        if (parsed == null) {
            throw new IllegalArgumentException("store URL `" + mask(text) + "` is not a valid PostgreSQL JDBC URL:"
                    + " expected " + PREFIX + "HOST[:PORT]/DATABASE[?user=…&password=…]");
        }
        if (parsed.getProperty("PGDBNAME", "").isEmpty()) {
            throw new IllegalArgumentException("store URL `" + mask(text) + "` names no database: expected "
                    + PREFIX + "HOST[:PORT]/DATABASE");
        }
        return new PostgresUrl(
                text,
                setting(parsed, "user", environment, "PGUSER"),
                setting(parsed, "password", environment, "PGPASSWORD"));
    }

    /** The URL as given, password included: for the driver only, never for a log or a message. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user to connect as; empty leaves it to the driver (the OS user name). */
    public Optional<String> user() {
        return user;
    }

    /** The password; empty when neither the URL nor {@code PGPASSWORD} gives one. */
    public Optional<String> password() {
        return password;
    }

    /** The URL with any {@code password=} value replaced by {@code ***}: safe to log. */
    public String masked() {
        return mask(jdbcUrl);
    }

    @Override
    public String toString() {
        return masked();
    }

    static String mask(String url) {
        return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }

    private static Optional<String> setting(
            Properties parsed, String parameter, Map<String, String> environment, String variable) {
        String fromUrl = parsed.getProperty(parameter);
        if (fromUrl != null) {
            return Optional.of(fromUrl);
        }
        String fromEnvironment = environment.get(variable);
        return fromEnvironment == null || fromEnvironment.isEmpty() ? Optional.empty() : Optional.of(fromEnvironment);
    }
}
