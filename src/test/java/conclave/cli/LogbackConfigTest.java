package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Applies {@link LogSetup} to a private context and checks where logs go and how they look. */
class LogbackConfigTest {
    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void config_eitherFormat_loadsWithoutErrorsOrWarnings(String format) {
        LoggerContext context = configured(format);

        assertThat(context.getStatusManager().getCopyOfStatusList())
                .filteredOn(status -> status.getLevel() >= Status.WARN)
                .isEmpty();
        assertThat(root(context).getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.flywaydb").getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void setup_isWhatLogbackFindsThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(Configurator.class)).anyMatch(LogSetup.class::isInstance);
        assertThat(LogSetup.class.getResource("/logback.xml")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void config_eitherFormat_hasOneConsoleAppenderOnStderr(String format) {
        List<Appender<ILoggingEvent>> appenders = appenders(configured(format));

        assertThat(appenders).singleElement()
                .isInstanceOfSatisfying(ConsoleAppender.class,
                        console -> assertThat(console.getTarget()).isEqualTo("System.err"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "JSON", " Json "})
    void format_jsonInAnyCase_usesJsonEncoder(String format) {
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appenders(configured(format)).get(0);

        assertThat(console.getEncoder()).isInstanceOf(JsonEncoder.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "", "yaml"})
    void format_anythingElse_usesText(String format) {
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appenders(configured(format)).get(0);

        assertThat(console.getEncoder()).isInstanceOf(LayoutWrappingEncoder.class);
    }

    @Test
    void textLog_writtenToStderr_neverToStdout() {
        Captured captured = capture(configured("text"), "conclave server listening");

        assertThat(captured.out()).isEmpty();
        assertThat(captured.err()).matches("\\d{4}-\\d\\d-\\d\\dT\\S+ INFO  conclave server listening addr=\"127.0.0.1:4390\"\n");
    }

    @Test
    void jsonLog_writtenToStderr_isOneJsonObjectPerLine() {
        Captured captured = capture(configured("json"), "line one\n\"quoted\" ✓");

        assertThat(captured.out()).isEmpty();
        assertThat(captured.err().lines()).hasSize(1);
        JsonNode line = JsonMapper.builder().build().readTree(captured.err());
        assertThat(line.get("level").asString()).isEqualTo("INFO");
        assertThat(line.get("formattedMessage").asString()).isEqualTo("line one\n\"quoted\" ✓");
    }

    private record Captured(String out, String err) {}

    /** Logs one INFO line through {@code context} while System.out and System.err are captured. */
    private static Captured capture(LoggerContext context, String message) {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            context.getLogger("conclave.server").atInfo().addKeyValue("addr", "127.0.0.1:4390").log(message);
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
        return new Captured(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static LoggerContext configured(String format) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // events are silently dropped without one
        context.putProperty(LogSetup.FORMAT_VARIABLE, format); // context properties win over the environment
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        return context;
    }

    private static Logger root(LoggerContext context) {
        return context.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    private static List<Appender<ILoggingEvent>> appenders(LoggerContext context) {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root(context).iteratorForAppenders(); it.hasNext(); ) {
            appenders.add(it.next());
        }
        return appenders;
    }
}
