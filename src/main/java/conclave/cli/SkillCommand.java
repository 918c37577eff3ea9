package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave skill}: the SKILL.md that teaches Claude Code to use conclave; bare, it shows it. */
@Command(
        name = "skill",
        description = "Print or install the conclave skill for Claude Code (bare `skill` prints it).",
        subcommands = {
            SkillCommand.ShowCommand.class,
            SkillCommand.InstallCommand.class
        })
final class SkillCommand extends UnbuiltCommand {
    @Command(name = "show", description = "Print the skill (SKILL.md) to stdout.")
    static final class ShowCommand extends UnbuiltCommand {}

    @Command(name = "install", description = "Install the skill as ~/.claude/skills/conclave/SKILL.md.")
    static final class InstallCommand extends UnbuiltCommand {}
}
