package conclave.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a call, so a long-running verb can drain and exit 0 instead of
 * being cut off with 143. If a handler cannot be installed, that is logged and the JVM's default
 * (a shutdown with status 128 + signal) remains.
 */
final class ShutdownSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

    private ShutdownSignals() {}

    static void onTermOrInt(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
                LOG.error("cannot handle SIG{}; relying on the default signal behaviour", name);
            }
        }
    }
}
