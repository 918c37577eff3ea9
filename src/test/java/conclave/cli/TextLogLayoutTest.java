package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.event.KeyValuePair;

class TextLogLayoutTest {
    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("conclave.server");

    enum Shape { PLAIN, ONE_PAIR, TWO_PAIRS, THROWN, EVERYTHING }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void layout_writesWhatTheEquivalentPatternWrites(Shape shape) {
        for (Level level : List.of(Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG)) {
            LoggingEvent event = event(shape, level);

            assertThat(textLayout().doLayout(event)).isEqualTo(patternLayout().doLayout(event));
        }
    }

    private LoggingEvent event(Shape shape, Level level) {
        boolean thrown = shape == Shape.THROWN || shape == Shape.EVERYTHING;
        LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, level, "session {} left ✓", thrown
                ? new IllegalStateException("closed", new RuntimeException("cause")) : null,
                new Object[] {"aaron/box/s1"});
        event.setTimeStamp(1_764_667_800_123L);
        if (shape == Shape.ONE_PAIR || shape == Shape.TWO_PAIRS || shape == Shape.EVERYTHING) {
            event.addKeyValuePair(new KeyValuePair("addr", "127.0.0.1:4390"));
        }
        if (shape == Shape.TWO_PAIRS || shape == Shape.EVERYTHING) {
            event.addKeyValuePair(new KeyValuePair("count", 3));
        }
        return event;
    }

    private TextLogLayout textLayout() {
        TextLogLayout layout = new TextLogLayout();
        layout.setContext(context);
        layout.start();
        return layout;
    }

    private PatternLayout patternLayout() {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(TextLogLayout.PATTERN);
        layout.start();
        return layout;
    }
}
