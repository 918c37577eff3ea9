package conclave.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code conclave key}: this machine's Ed25519 identity. Prints the public key as 43 base64url
 * characters, creating {@code <config-dir>/key} (mode 0600) first if it does not exist.
 */
@Command(name = "key", description = "Generate (if needed) and print this machine's public key.")
final class KeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String publicKey = ConclaveCommand.of(spec).keyFile().loadOrCreate().publicKey().text();
        spec.commandLine().getOut().println(publicKey);
        return 0;
    }
}
