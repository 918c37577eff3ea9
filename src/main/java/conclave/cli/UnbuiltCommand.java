package conclave.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A verb that parses but has no behaviour yet; running it fails with {@link NotBuiltYet}. */
@Command // lets the @Spec below be injected; subclasses supply every attribute
abstract class UnbuiltCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        throw new NotBuiltYet(spec.qualifiedName());
    }
}
