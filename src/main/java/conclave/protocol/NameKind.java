package conclave.protocol;

/** The kinds of name users choose, each with the words error messages use for it. */
public enum NameKind {
    USERNAME("username"),
    MACHINE("machine name"),
    SESSION_HANDLE("session handle"),
    CHANNEL("channel name");

    private final String description;

    NameKind(String description) {
        this.description = description;
    }

    /** How messages name this kind, as in {@code invalid machine name: `…`}. */
    public String description() {
        return description;
    }
}
