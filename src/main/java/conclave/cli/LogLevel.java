package conclave.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Switches log levels at run time: the whole program's (for {@code -v}) or one package's. */
final class LogLevel {
    private LogLevel() {}

    /** Lowers the root logger's threshold from the configured INFO to DEBUG. */
    static void raiseToDebug() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.DEBUG);
    }

    /** Shows only errors from the loggers under {@code name} (a package or class name). */
    static void errorsOnly(String name) {
        ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.ERROR);
    }
}
