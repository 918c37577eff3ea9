package conclave.client;

import static java.util.Objects.requireNonNull;

import conclave.protocol.FrameKind;

/**
 * The server answered with a well-formed frame of the wrong kind:
 * {@code unexpected response: <kind>}, the kind as its JSON name (e.g. {@code channel_list}).
 */
public final class UnexpectedReplyException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final FrameKind kind;

    UnexpectedReplyException(FrameKind kind) {
        super("unexpected response: " + kind.jsonName());
        this.kind = requireNonNull(kind, "kind");
    }

    /** The kind of frame that arrived. */
    public FrameKind kind() {
        return kind;
    }
}
