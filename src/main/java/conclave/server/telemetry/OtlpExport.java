package conclave.server.telemetry;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import conclave.server.RequestTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The running OTLP/HTTP export (protobuf bodies, batched): request spans through
 * {@link #tracing()}, and every log event of the program as a log record, carrying the trace and
 * span of the request it was logged in. Resource: {@code service.name=conclave},
 * {@code service.version}. {@link #close()} detaches the log bridge and flushes what is pending.
 *
 * <p>Thread-safe. One per process: the log bridge hangs off logback's root logger.
 */
public final class OtlpExport implements AutoCloseable {
    private static final long SHUTDOWN_SECONDS = 5;

    private final OpenTelemetrySdk sdk;
    private final OtlpLogAppender appender;
    private final RequestTracing tracing;

    private OtlpExport(OpenTelemetrySdk sdk, OtlpLogAppender appender) {
        this.sdk = sdk;
        this.appender = appender;
        this.tracing = new OtlpRequestTracing(sdk.getTracer("conclave"));
    }

    /** Builds the exporters for {@code settings}, bridges logback's root logger to them and starts. */
    public static OtlpExport start(OtlpSettings settings, String version) {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), "conclave",
                AttributeKey.stringKey("service.version"), version)));
        OtlpHttpSpanExporterBuilder spans = OtlpHttpSpanExporter.builder().setEndpoint(settings.tracesUrl());
        OtlpHttpLogRecordExporterBuilder logs = OtlpHttpLogRecordExporter.builder().setEndpoint(settings.logsUrl());
        settings.headers().forEach((name, value) -> {
            spans.addHeader(name, value);
            logs.addHeader(name, value);
        });
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .setResource(resource)
                        .addSpanProcessor(BatchSpanProcessor.builder(spans.build())
                                .setScheduleDelay(settings.spanDelay()).build())
                        .build())
                .setLoggerProvider(SdkLoggerProvider.builder()
                        .setResource(resource)
                        .addLogRecordProcessor(BatchLogRecordProcessor.builder(logs.build())
                                .setScheduleDelay(settings.logDelay()).build())
                        .build())
                .build();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        OtlpLogAppender appender = new OtlpLogAppender(sdk.getSdkLoggerProvider());
        appender.setContext(context);
        appender.setName("otlp");
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return new OtlpExport(sdk, appender);
    }

    /** Traces every request as a span named for its kind, with its session path and channel. */
    public RequestTracing tracing() {
        return tracing;
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
        sdk.shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
    }
}
