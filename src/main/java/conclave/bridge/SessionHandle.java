package conclave.bridge;

import static java.util.Objects.requireNonNull;

/**
 * The session handle this bridge presents on every server: from {@code --as} (explicit, never
 * renamed) or from the working directory's name (defaulted, renamed {@code base-2},
 * {@code base-3} … when two sessions keep superseding each other; reference/bridge.md §6.9).
 * Not thread-safe: owned by the dispatcher, which publishes each rename to the links.
 */
final class SessionHandle {
    /** The handle when the working directory has no name (the root). */
    static final String FALLBACK = "session";

    private final String base;
    private final boolean explicit;
    private int generation = 1;

    private SessionHandle(String base, boolean explicit) {
        this.base = requireNonNull(base, "base");
        this.explicit = explicit;
    }

    /** A handle pinned with {@code --as}. */
    static SessionHandle explicit(String handle) {
        return new SessionHandle(handle, true);
    }

    /** A handle defaulted from a directory name; empty means {@link #FALLBACK}. */
    static SessionHandle defaulted(String directoryName) {
        return new SessionHandle(directoryName == null || directoryName.isEmpty() ? FALLBACK : directoryName, false);
    }

    boolean isExplicit() {
        return explicit;
    }

    /** The handle to present now. */
    String current() {
        return generation == 1 ? base : base + "-" + generation;
    }

    /** Moves a defaulted handle to its next generation and returns it. */
    String next() {
        if (explicit) {
            throw new IllegalStateException("an explicit --as handle is never renamed");
        }
        generation++;
        return current();
    }
}
