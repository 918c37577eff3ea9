/**
 * Local configuration: where files live ({@link conclave.config.XdgDirs}), the config.toml model
 * ({@link conclave.config.ConclaveConfig}: the default permission level, registrations on servers
 * and permission overrides per server and scope, each record validating itself) and the file
 * itself ({@link conclave.config.ConfigFile}: load, save, update; errors name the file, the line,
 * the key and the rule), written through {@link conclave.config.AtomicFile} (temporary file,
 * fsync, atomic rename).
 *
 * <p>Read first: {@code ConclaveConfig}, {@code ConfigFile}, {@code PermissionLevel}.
 *
 * <p>A leaf layer: depends on nothing else in conclave (Jackson's TOML mapper reads the file).
 * Every type is immutable and thread-safe; nothing locks the file across processes, so of two
 * concurrent updates the later one wins, but the file is never left half-written.
 */
package conclave.config;
