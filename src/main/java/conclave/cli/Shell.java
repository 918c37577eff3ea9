package conclave.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A shell that {@code conclave completions} writes a script for. */
enum Shell {
    BASH,
    ZSH,
    FISH;

    /** The name as typed on the command line. */
    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the {@code <SHELL>} argument; anything else is a usage error naming the choices. */
    static final class Converter implements ITypeConverter<Shell> {
        @Override
        public Shell convert(String value) {
            return Arrays.stream(values())
                    .filter(shell -> shell.text().equals(value))
                    .findFirst()
                    .orElseThrow(() -> new TypeConversionException("expected bash, zsh or fish, got `" + value + "`"));
        }
    }

    /** The shell names, for help and completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(Shell::text).iterator();
        }
    }
}
