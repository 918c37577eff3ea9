package conclave.cli;

/** Thrown by a verb whose behaviour this version of conclave does not have yet. */
final class NotBuiltYet extends RuntimeException {
    NotBuiltYet(String qualifiedName) {
        super("`" + qualifiedName + "` is not built yet in this version");
    }
}
