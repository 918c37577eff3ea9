package conclave.server.telemetry;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to export, read from the environment: {@code CONCLAVE_OTLP_ENDPOINT} is the
 * collector's base URL, to which {@code /v1/traces} and {@code /v1/logs} are appended (an
 * explicit per-signal URL would be used verbatim, so the base is what users give);
 * {@code OTEL_EXPORTER_OTLP_HEADERS} ({@code key=value,…}, values percent-encoded) are sent with
 * every export; {@code OTEL_BSP_SCHEDULE_DELAY} and {@code OTEL_BLRP_SCHEDULE_DELAY} (milliseconds)
 * set how often spans and log records are sent. Immutable.
 *
 * @param headers in the order given; {@link #toString} shows their names only, values may be secrets
 */
public record OtlpSettings(URI base, Map<String, String> headers, Duration spanDelay, Duration logDelay) {
    /** The variable that turns export on. */
    public static final String ENDPOINT_VARIABLE = "CONCLAVE_OTLP_ENDPOINT";
    static final String HEADERS_VARIABLE = "OTEL_EXPORTER_OTLP_HEADERS";
    static final String SPAN_DELAY_VARIABLE = "OTEL_BSP_SCHEDULE_DELAY";
    static final String LOG_DELAY_VARIABLE = "OTEL_BLRP_SCHEDULE_DELAY";
    private static final Duration DEFAULT_SPAN_DELAY = Duration.ofSeconds(5);
    private static final Duration DEFAULT_LOG_DELAY = Duration.ofSeconds(1);

    public OtlpSettings {
        Objects.requireNonNull(base, "base");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(spanDelay, "spanDelay");
        Objects.requireNonNull(logDelay, "logDelay");
    }

    /**
     * Reads the settings from {@code environment}, where {@value #ENDPOINT_VARIABLE} must be set.
     *
     * @throws IllegalArgumentException naming the variable and the rule it breaks
     */
    public static OtlpSettings fromEnvironment(Map<String, String> environment) {
        return new OtlpSettings(
                base(environment.getOrDefault(ENDPOINT_VARIABLE, "")),
                headers(environment.getOrDefault(HEADERS_VARIABLE, "")),
                delay(environment, SPAN_DELAY_VARIABLE, DEFAULT_SPAN_DELAY),
                delay(environment, LOG_DELAY_VARIABLE, DEFAULT_LOG_DELAY));
    }

    /** Where spans go: the base with {@code /v1/traces}. */
    String tracesUrl() {
        return base + "/v1/traces";
    }

    /** Where log records go: the base with {@code /v1/logs}. */
    String logsUrl() {
        return base + "/v1/logs";
    }

    @Override
    public String toString() {
        return "OtlpSettings[base=" + base + ", headers=" + headers.keySet() + ", spanDelay=" + spanDelay
                + ", logDelay=" + logDelay + "]";
    }

    private static URI base(String value) {
        String trimmed = value.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException(ENDPOINT_VARIABLE + " must be an http:// or https:// URL, got `" + value + "`");
        }
        boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        if (!web || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException(ENDPOINT_VARIABLE + " must be an http:// or https:// URL without query"
                    + " or fragment, got `" + value + "`");
        }
        return uri;
    }

    /** {@code key=value} pairs separated by commas; a value's {@code %XX} escapes are decoded, as the OTLP exporter spec says. */
    private static Map<String, String> headers(String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (value.isBlank()) {
            return headers;
        }
        int index = 0;
        for (String entry : value.split(",")) {
            index++;
            int equals = entry.indexOf('=');
            String key = equals < 0 ? "" : entry.substring(0, equals).trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException(HEADERS_VARIABLE + " entry " + index
                        + " must be `name=value` (entries separated by commas)");
            }
            try {
                // Only %XX escapes: a `+` stays a plus, as base64 credentials need.
                String encoded = entry.substring(equals + 1).trim().replace("+", "%2B");
                headers.put(key, URLDecoder.decode(encoded, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                throw new IllegalArgumentException(HEADERS_VARIABLE + " entry " + index + " (`" + key
                        + "`) has a value that is not valid percent-encoding");
            }
        }
        return headers;
    }

    private static Duration delay(Map<String, String> environment, String variable, Duration fallback) {
        String value = environment.getOrDefault(variable, "").trim();
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long millis = Long.parseLong(value);
            if (millis > 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the rule
        }
        throw new IllegalArgumentException(variable + " must be a positive whole number of milliseconds, got `" + value + "`");
    }
}
