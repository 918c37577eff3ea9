/**
 * OTLP/HTTP export of the server's request traces and logs, with the OpenTelemetry SDK; used only
 * when {@code CONCLAVE_OTLP_ENDPOINT} is set, so that nothing here (and nothing of the SDK) is
 * loaded otherwise. Start with {@link conclave.server.telemetry.OtlpExport}.
 *
 * <p>Part of the server layer; the server itself sees only {@link conclave.server.RequestTracing}.
 * What is exported is names, kinds and log lines, never a message body, token or key.
 */
package conclave.server.telemetry;
