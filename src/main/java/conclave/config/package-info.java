/**
 * Local configuration: XDG locations, the {@code config.toml} model with validation that names the
 * file, key and rule, and atomic writes (temporary file, fsync, rename).
 *
 * <p>A leaf layer: depends on nothing else in conclave.
 */
package conclave.config;
