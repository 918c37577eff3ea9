package conclave.cli;

import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Shell completion scripts for the command line rooted at a picocli {@link CommandLine}. bash
 * comes from picocli's {@link AutoComplete}; zsh runs the same script through its bash
 * compatibility layer ({@code bashcompinit}, which the script loads itself); fish is written by
 * {@link FishCompletion}. Stateless.
 */
final class CompletionScript {
    private CompletionScript() {}

    static String of(Shell shell, CommandLine root) {
        String name = root.getCommandName();
        return switch (shell) {
            case BASH -> AutoComplete.bash(name, root);
            case ZSH -> "# zsh completion for " + name + ": load it with `source <(" + name + " completions zsh)`.\n"
                    + "# It is the bash script below, which enables zsh's bashcompinit itself.\n"
                    + AutoComplete.bash(name, root);
            case FISH -> FishCompletion.script(root);
        };
    }
}
