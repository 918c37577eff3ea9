package conclave.server;

import java.util.Optional;

/**
 * Sees every request of an established session, to trace it: {@link #start} before the request
 * is handled, on the thread that handles it, and {@link Trace#end} on the same thread once its
 * reply is ready. It is given names only (the request kind, the session path, the channel, the
 * reply kind), never a message body, token or key. Implementations must be thread-safe and must
 * not block.
 */
public interface RequestTracing {
    /** Traces nothing, at no cost: the default. */
    RequestTracing OFF = (kind, path, channel) -> (replyKind, errorKind) -> {};

    /**
     * A request is about to be handled.
     *
     * @param kind the request's kind, e.g. {@code channel_msg}, or {@code admin <op>} for an admin op
     * @param path the session's {@code user/machine/session} path
     * @param channel the channel it names, if it names one
     */
    Trace start(String kind, String path, Optional<String> channel);

    /** One request being traced. */
    interface Trace {
        /**
         * Its reply is ready (or handling failed, with {@code replyKind} {@code none}).
         *
         * @param errorKind the error's kind, e.g. {@code not_found}, if the reply is an error
         */
        void end(String replyKind, Optional<String> errorKind);
    }
}
