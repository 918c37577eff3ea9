package conclave.config;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Finds the line of a TOML document that an error is about. The TOML parser builds a tree
 * without positions, so the locator parses ever longer prefixes of the document (whole lines) and
 * reports the first line at which the value appears, or at which the text stops being TOML.
 * Quadratic in the number of lines, which is fine for the few dozen lines of a config file and
 * happens only on the way to an error message. Not thread-safe.
 */
final class TomlLocator {
    private static final String PREMATURE_END = "Premature end of file";

    /** A syntax error: the line it is on and what is wrong there. */
    record SyntaxError(int line, String problem) {}

    private final List<String> lines = new ArrayList<>();

    TomlLocator(String text) {
        int start = 0;
        for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
            lines.add(text.substring(start, newline + 1));
            start = newline + 1;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
    }

    /**
     * The line (from 1) where the value at {@code path} is, or where its nearest enclosing table
     * starts if the value itself is absent (a missing key).
     */
    int lineOf(List<Object> path) {
        for (int depth = path.size(); depth > 0; depth--) {
            List<Object> wanted = path.subList(0, depth);
            StringBuilder prefix = new StringBuilder();
            for (int line = 0; line < lines.size(); line++) {
                prefix.append(lines.get(line));
                JsonNode tree = treeOrNull(prefix);
                if (tree != null && find(tree, wanted) != null) {
                    return line + 1;
                }
            }
        }
        return 1;
    }

    /**
     * The line and problem of the error that makes the document not TOML. A problem found inside
     * the text is reported on its own line; a document that simply ends too early (an unclosed
     * string, array or header) is reported where the unfinished part begins.
     */
    SyntaxError syntaxError(JacksonException whole) {
        StringBuilder prefix = new StringBuilder();
        int lastComplete = 0;
        for (int line = 0; line < lines.size(); line++) {
            prefix.append(lines.get(line));
            try {
                TomlTree.read(prefix.toString());
                lastComplete = line + 1;
            } catch (JacksonException failure) {
                if (!isPrematureEnd(failure)) {
                    return new SyntaxError(line + 1, failure.getOriginalMessage());
                }
            }
        }
        if (isPrematureEnd(whole)) {
            return new SyntaxError(Math.min(lastComplete + 1, Math.max(lines.size(), 1)),
                    "the file ends before the value or table header that starts here is complete");
        }
        int reported = whole.getLocation() == null ? -1 : whole.getLocation().getLineNr();
        return new SyntaxError(Math.max(1, Math.min(reported, lines.size())), whole.getOriginalMessage());
    }

    private static boolean isPrematureEnd(JacksonException failure) {
        String message = failure.getOriginalMessage();
        return message != null && message.startsWith(PREMATURE_END);
    }

    private static JsonNode treeOrNull(CharSequence text) {
        try {
            return TomlTree.read(text.toString());
        } catch (JacksonException incomplete) {
            return null;
        }
    }

    private static JsonNode find(JsonNode tree, List<Object> path) {
        JsonNode node = tree;
        for (Object step : path) {
            node = step instanceof Integer index ? node.get(index) : node.get(step.toString());
            if (node == null) {
                return null;
            }
        }
        return node;
    }
}
