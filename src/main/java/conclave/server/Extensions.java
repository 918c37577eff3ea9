package conclave.server;

import conclave.protocol.Frame;
import java.util.List;
import java.util.Optional;

/**
 * The protocol extensions this server offers in {@code x-conclave-features} and how a
 * {@code capabilities} request is answered: the requested features it supports, in its own order.
 * Unknown features are left out rather than refused, so a newer client can ask for more than this
 * server knows. Stateless.
 */
final class Extensions {
    /** The durable whisper inbox with receipts. */
    static final String INBOX = Frame.Capabilities.INBOX;
    /** Every extension this server offers, in the order it lists them. */
    static final List<String> SUPPORTED = List.of(INBOX);
    /** A capabilities request may name at most this many features. */
    static final int MAX_REQUESTED = 32;

    private Extensions() {}

    /**
     * The accepted subset of {@code request}, or the refusal of a session that negotiated already
     * or asked for too much.
     */
    static Negotiated negotiate(SessionState.Established session, Frame.Capabilities request) {
        if (session.features().isPresent()) {
            return new Negotiated(List.of(), Optional.of(Replies.malformed(
                    "capabilities were already negotiated on this session")));
        }
        if (request.features().size() > MAX_REQUESTED) {
            return new Negotiated(List.of(), Optional.of(Replies.malformed(
                    "capabilities may list at most " + MAX_REQUESTED + " features, not "
                            + request.features().size())));
        }
        List<String> accepted = SUPPORTED.stream().filter(request.features()::contains).toList();
        return new Negotiated(accepted, Optional.empty());
    }

    /** The outcome of one capabilities request: the accepted features, or a refusal. */
    record Negotiated(List<String> accepted, Optional<Frame> refusal) {}
}
