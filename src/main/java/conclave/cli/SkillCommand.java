package conclave.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code conclave skill}: the SKILL.md that teaches Claude Code to use conclave; bare, it shows it. */
@Command(
        name = "skill",
        description = "Print or install the conclave skill for Claude Code (bare `skill` prints it).",
        subcommands = {
            SkillCommand.ShowCommand.class,
            SkillCommand.InstallCommand.class
        })
final class SkillCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(SkillDocument.render(spec.root().commandLine()));
        return 0;
    }

    /** {@code skill show}: the same as bare {@code skill}. */
    @Command(name = "show", description = "Print the skill (SKILL.md) to stdout.")
    static final class ShowCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(SkillDocument.render(spec.root().commandLine()));
            return 0;
        }
    }

    /** {@code skill install}: writes {@code <dir>/conclave/SKILL.md}, refusing to clobber a different file. */
    @Command(
            name = "install",
            description = "Install the skill as <SKILLS_DIR>/conclave/SKILL.md (default ~/.claude/skills/conclave/SKILL.md).")
    static final class InstallCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "<SKILLS_DIR>", description = "The skills directory (default: ~/.claude/skills).")
        Path dir;

        @Option(names = "--force", description = "Replace an existing SKILL.md that differs from this version's.")
        boolean force;

        @Override
        public Integer call() {
            SkillFile file = new SkillFile(dir != null ? dir : SkillFile.defaultSkillsDir());
            SkillFile.Outcome outcome = file.install(SkillDocument.render(spec.root().commandLine()), force);
            spec.commandLine().getOut().println(outcome.describe(file.path()));
            return 0;
        }
    }
}
