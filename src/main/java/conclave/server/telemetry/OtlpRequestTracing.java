package conclave.server.telemetry;

import conclave.server.RequestTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Optional;

/**
 * One server span per request, named for the request's kind, with the session path and the
 * channel as attributes, current while the request is handled so that what is logged meanwhile
 * carries its ids; an error reply marks it failed with the error's kind. Thread-safe.
 */
final class OtlpRequestTracing implements RequestTracing {
    static final AttributeKey<String> PATH = AttributeKey.stringKey("conclave.path");
    static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("conclave.channel");
    static final AttributeKey<String> REPLY = AttributeKey.stringKey("conclave.reply");

    private final Tracer tracer;

    OtlpRequestTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public Trace start(String kind, String path, Optional<String> channel) {
        SpanBuilder builder = tracer.spanBuilder(kind).setSpanKind(SpanKind.SERVER).setAttribute(PATH, path);
        channel.ifPresent(name -> builder.setAttribute(CHANNEL, name));
        Span span = builder.startSpan();
        Scope scope = span.makeCurrent();
        return (replyKind, errorKind) -> {
            span.setAttribute(REPLY, replyKind);
            errorKind.ifPresent(error -> span.setStatus(StatusCode.ERROR, error));
            scope.close();
            span.end();
        };
    }
}
