package conclave.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code conclave completions}: shell completion scripts, generated from the command model. */
@Command(
        name = "completions",
        description = "Print a shell completion script.",
        footer = {
            "",
            "bash: source <(conclave completions bash)   (e.g. in ~/.bashrc)",
            "zsh:  source <(conclave completions zsh)    (e.g. in ~/.zshrc)",
            "fish: conclave completions fish > ~/.config/fish/completions/conclave.fish"
        })
final class CompletionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "<SHELL>",
            converter = Shell.Converter.class,
            completionCandidates = Shell.Names.class,
            description = "bash, zsh or fish.")
    Shell shell;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(CompletionScript.of(shell, spec.root().commandLine()));
        return 0;
    }
}
