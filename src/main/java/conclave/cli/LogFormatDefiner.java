package conclave.cli;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.Locale;

/**
 * Names the console appender {@code logback.xml} uses: {@code json} when the requested format is
 * {@code json} in any letter case, {@code text} for anything else (including unset).
 *
 * <p>Logback has no conditionals without Janino; this keeps the choice a plain lookup, and an
 * unknown value still logs (as text) instead of naming an appender that does not exist.
 */
public final class LogFormatDefiner extends PropertyDefinerBase {
    private String requested = "";

    /** The raw {@code CONCLAVE_LOG_FORMAT} value, set by logback from the configuration file. */
    public void setRequested(String requested) {
        this.requested = requested;
    }

    @Override
    public String getPropertyValue() {
        return requested.trim().toLowerCase(Locale.ROOT).equals("json") ? "json" : "text";
    }
}
