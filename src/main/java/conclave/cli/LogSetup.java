package conclave.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The logging configuration of the whole program, applied by logback at its first use (found
 * through {@code META-INF/services}): one console appender on stderr, since stdout carries command
 * output and, for {@code conclave bridge}, MCP itself; level INFO ({@code -v} lowers it to DEBUG at
 * run time); Flyway's migration chatter only from WARN up.
 *
 * <p>{@code CONCLAVE_LOG_FORMAT=json} in any letter case switches to one JSON object per line;
 * anything else, or nothing, gives human text. The value is read from the logger context's
 * properties first, then the environment.
 *
 * <p>Built in code rather than from {@code logback.xml}: parsing an XML configuration loads
 * hundreds of classes and costs every short CLI verb that logs a noticeable share of its start.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** The environment variable (or context property) that selects the format. */
    static final String FORMAT_VARIABLE = "CONCLAVE_LOG_FORMAT";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(isJson(format(context)) ? json(context) : text(context));
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether a requested format means JSON: {@code json} in any letter case, spaces around allowed. */
    static boolean isJson(String requested) {
        return requested.trim().toLowerCase(Locale.ROOT).equals("json");
    }

    private static String format(LoggerContext context) {
        return Optional.ofNullable(context.getProperty(FORMAT_VARIABLE))
                .or(() -> Optional.ofNullable(System.getenv(FORMAT_VARIABLE)))
                .orElse("text");
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        TextLogLayout layout = new TextLogLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }
}
