package conclave.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Switches the whole program's log level at run time (for {@code -v}). */
final class LogLevel {
    private LogLevel() {}

    /** Lowers the root logger's threshold from the configured INFO to DEBUG. */
    static void raiseToDebug() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.DEBUG);
    }
}
