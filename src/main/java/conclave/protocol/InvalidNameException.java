package conclave.protocol;

/**
 * A name broke the naming rules of {@link Names}. The message is the exact user-facing text,
 * {@code invalid <what>: `<value>`}, with values over 64 characters cut to their first 64 and
 * {@code …}.
 */
public final class InvalidNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final NameKind kind;

    InvalidNameException(NameKind kind, String value) {
        super("invalid " + kind.description() + ": `" + Excerpt.of(value) + "`");
        this.kind = kind;
    }

    /** Which kind of name was invalid. */
    public NameKind kind() {
        return kind;
    }
}
