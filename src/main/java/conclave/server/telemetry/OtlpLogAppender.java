package conclave.server.telemetry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.event.KeyValuePair;

/**
 * Bridges logback events to OTLP log records: the formatted message as the body, the key-value
 * pairs as attributes, the level as the severity, and the current span's context. Events from the
 * exporter's own stack are left out, else each export could log something that triggers the next
 * (a feedback loop). Thread-safe, as logback appenders must be.
 */
final class OtlpLogAppender extends AppenderBase<ILoggingEvent> {
    /** Logger name prefixes of the OpenTelemetry SDK and of the JDK's HTTP client it sends with. */
    static final List<String> EXCLUDED = List.of("io.opentelemetry", "jdk.internal.httpclient", "java.net.http");
    private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

    private final LoggerProvider loggers;

    OtlpLogAppender(LoggerProvider loggers) {
        this.loggers = loggers;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String name = event.getLoggerName();
        if (EXCLUDED.stream().anyMatch(name::startsWith)) {
            return;
        }
        LogRecordBuilder record = loggers.get(name).logRecordBuilder()
                .setTimestamp(event.getTimeStamp(), TimeUnit.MILLISECONDS)
                .setSeverity(severity(event.getLevel()))
                .setSeverityText(event.getLevel().toString())
                .setBody(event.getFormattedMessage())
                .setContext(Context.current());
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                record.setAttribute(AttributeKey.stringKey(pair.key), String.valueOf(pair.value));
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            record.setAttribute(EXCEPTION_TYPE, thrown.getClassName());
        }
        record.emit();
    }

    private static Severity severity(Level level) {
        switch (level.toInt()) {
            case Level.ERROR_INT:
                return Severity.ERROR;
            case Level.WARN_INT:
                return Severity.WARN;
            case Level.INFO_INT:
                return Severity.INFO;
            case Level.DEBUG_INT:
                return Severity.DEBUG;
            default:
                return Severity.TRACE;
        }
    }
}
