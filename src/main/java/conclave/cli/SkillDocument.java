package conclave.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.HelpCommand;

/**
 * The conclave skill for Claude Code: the hand-written {@code SKILL.md} resource, then a
 * {@code ## Command reference} generated from the picocli model (the root and every subcommand,
 * depth first, each with its usage help), so the flags it lists are the parser's own. Stateless.
 */
final class SkillDocument {
    private static final String BODY = "SKILL.md";

    private SkillDocument() {}

    /** The whole document for the command line rooted at {@code root}; ends with one newline. */
    static String render(CommandLine root) {
        StringBuilder document = new StringBuilder(body().stripTrailing())
                .append("\n\n## Command reference\n\n")
                .append("Generated from `conclave --help`; this is the authoritative list of commands and flags.\n");
        appendCommand(document, root);
        return document.toString();
    }

    private static void appendCommand(StringBuilder document, CommandLine command) {
        document.append("\n### `").append(command.getCommandSpec().qualifiedName()).append("`\n\n```\n")
                .append(usage(command))
                .append("```\n");
        for (CommandLine subcommand : new LinkedHashSet<>(command.getSubcommands().values())) {
            if (!(subcommand.getCommand() instanceof HelpCommand) && !subcommand.getCommandSpec().usageMessage().hidden()) {
                appendCommand(document, subcommand);
            }
        }
    }

    /** The usage help without colours and without trailing spaces. */
    private static String usage(CommandLine command) {
        return command.getUsageMessage(Help.Ansi.OFF).lines()
                .map(String::stripTrailing)
                .collect(Collectors.joining("\n"))
                .stripTrailing() + "\n";
    }

    private static String body() {
        try (InputStream in = SkillDocument.class.getResourceAsStream(BODY)) {
            if (in == null) {
                throw new IllegalStateException("conclave/cli/" + BODY + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the skill resource", e);
        }
    }
}
