package conclave.cli;

import conclave.server.RequestTracing;
import conclave.server.telemetry.OtlpExport;
import conclave.server.telemetry.OtlpSettings;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Telemetry for {@code conclave serve}: OTLP export when {@value #ENDPOINT_VARIABLE} is set and
 * not blank, else none. Without the variable no class of the export or of the OpenTelemetry SDK
 * is loaded, so the server starts as fast as before. A setting the exporter cannot be built from
 * is reported on one stderr line and the server runs without export (reference/cli.md §4.4).
 */
final class Telemetry implements AutoCloseable {
    /** Spelled out here rather than taken from {@link OtlpSettings}, so reading it loads nothing. */
    static final String ENDPOINT_VARIABLE = "CONCLAVE_OTLP_ENDPOINT";

    private final AutoCloseable export;
    private final RequestTracing tracing;

    private Telemetry(AutoCloseable export, RequestTracing tracing) {
        this.export = export;
        this.tracing = tracing;
    }

    /** Starts export if {@code environment} asks for it; problems go to {@code err}. */
    static Telemetry fromEnvironment(Map<String, String> environment, PrintWriter err) {
        String endpoint = environment.get(ENDPOINT_VARIABLE);
        if (endpoint == null || endpoint.isBlank()) {
            return new Telemetry(() -> {}, RequestTracing.OFF);
        }
        try {
            OtlpExport export = OtlpExport.start(OtlpSettings.fromEnvironment(environment), VersionProvider.version());
            return new Telemetry(export, export.tracing());
        } catch (RuntimeException failed) { // the boundary: the server must run without export
            err.println("⚠ " + ENDPOINT_VARIABLE + " is set but the exporter failed to build: " + failed.getMessage());
            err.flush();
            return new Telemetry(() -> {}, RequestTracing.OFF);
        }
    }

    /** What traces the server's requests: {@link RequestTracing#OFF} unless export runs. */
    RequestTracing tracing() {
        return tracing;
    }

    /** Flushes and stops the export, if any. */
    @Override
    public void close() throws Exception {
        export.close();
    }
}
