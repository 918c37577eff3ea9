package conclave.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpSettingsTest {
    @Test
    void fromEnvironment_baseWithTrailingSlashes_signalPathsAppendedOnce() {
        OtlpSettings settings = OtlpSettings.fromEnvironment(Map.of("CONCLAVE_OTLP_ENDPOINT", " https://otlp.example/otlp// "));

        assertThat(settings.tracesUrl()).isEqualTo("https://otlp.example/otlp/v1/traces");
        assertThat(settings.logsUrl()).isEqualTo("https://otlp.example/otlp/v1/logs");
        assertThat(settings.headers()).isEmpty();
        assertThat(settings.spanDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.logDelay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void fromEnvironment_headers_percentEscapesDecodedPlusKept() {
        OtlpSettings settings = OtlpSettings.fromEnvironment(Map.of(
                "CONCLAVE_OTLP_ENDPOINT", "http://127.0.0.1:4318",
                "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Basic%20dXNlcjpw+c3M=, X-Scope = a%2Cb"));

        assertThat(settings.headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Authorization", "Basic dXNlcjpw+c3M=", "X-Scope", "a,b"));
    }

    @Test
    void toString_showsHeaderNamesButNotTheirValues() {
        OtlpSettings settings = OtlpSettings.fromEnvironment(Map.of(
                "CONCLAVE_OTLP_ENDPOINT", "http://127.0.0.1:4318",
                "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer%20s3cr3t"));

        assertThat(settings.toString()).contains("Authorization").doesNotContain("s3cr3t");
    }

    @Test
    void fromEnvironment_delays_readInMilliseconds() {
        OtlpSettings settings = OtlpSettings.fromEnvironment(Map.of(
                "CONCLAVE_OTLP_ENDPOINT", "http://127.0.0.1:4318",
                "OTEL_BSP_SCHEDULE_DELAY", "200", "OTEL_BLRP_SCHEDULE_DELAY", "250"));

        assertThat(settings.spanDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.logDelay()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void fromEnvironment_badValues_errorNamesTheVariableAndTheRule() {
        assertThatThrownBy(() -> OtlpSettings.fromEnvironment(Map.of("CONCLAVE_OTLP_ENDPOINT", "ftp://collector")))
                .hasMessage("CONCLAVE_OTLP_ENDPOINT must be an http:// or https:// URL without query or fragment,"
                        + " got `ftp://collector`");
        assertThatThrownBy(() -> OtlpSettings.fromEnvironment(Map.of("CONCLAVE_OTLP_ENDPOINT", "http://collector",
                "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Basic%20x,novalue")))
                .hasMessage("OTEL_EXPORTER_OTLP_HEADERS entry 2 must be `name=value` (entries separated by commas)");
        assertThatThrownBy(() -> OtlpSettings.fromEnvironment(Map.of("CONCLAVE_OTLP_ENDPOINT", "http://collector",
                "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=%zz")))
                .hasMessage("OTEL_EXPORTER_OTLP_HEADERS entry 1 (`Authorization`) has a value that is not valid percent-encoding");
        assertThatThrownBy(() -> OtlpSettings.fromEnvironment(Map.of("CONCLAVE_OTLP_ENDPOINT", "http://collector",
                "OTEL_BSP_SCHEDULE_DELAY", "0")))
                .hasMessage("OTEL_BSP_SCHEDULE_DELAY must be a positive whole number of milliseconds, got `0`");
        assertThatThrownBy(() -> OtlpSettings.fromEnvironment(Map.of("CONCLAVE_OTLP_ENDPOINT", "http://collector",
                "OTEL_BLRP_SCHEDULE_DELAY", "1s")))
                .hasMessage("OTEL_BLRP_SCHEDULE_DELAY must be a positive whole number of milliseconds, got `1s`");
    }
}
