package conclave.bridge;

import static java.util.Objects.requireNonNull;

import conclave.client.LinkEvent;
import conclave.protocol.Frame;
import tools.jackson.databind.JsonNode;

/**
 * Something that happened, for the {@link BridgeDispatcher} to handle: a message from Claude
 * Code, an event of a server's link, the answer to a request, or a tick of the clock. Past tense;
 * immutable.
 */
sealed interface BridgeEvent {
    /** A JSON object read from stdin. */
    record McpReceived(JsonNode message) implements BridgeEvent {
        public McpReceived {
            requireNonNull(message, "message");
        }
    }

    /** An event of the link to {@code server}; {@link LinkEvent.Refused} arrives as {@link LinkDuplicate}. */
    record LinkReported(String server, LinkEvent event) implements BridgeEvent {
        public LinkReported {
            requireNonNull(server, "server");
            requireNonNull(event, "event");
        }
    }

    /** The link to {@code server} reached the same server as {@code canonical} and closed for good. */
    record LinkDuplicate(String server, String canonical) implements BridgeEvent {
        public LinkDuplicate {
            requireNonNull(server, "server");
            requireNonNull(canonical, "canonical");
        }
    }

    /** The server answered request {@code callId} with {@code reply} (an {@code error} frame included). */
    record CallAnswered(long callId, Frame reply) implements BridgeEvent {
        public CallAnswered {
            requireNonNull(reply, "reply");
        }
    }

    /** Request {@code callId} got no answer: the link was down or lost, or its deadline passed. */
    record CallFailed(long callId, String reason) implements BridgeEvent {
        public CallFailed {
            requireNonNull(reason, "reason");
        }
    }

    /** Time passed; calls past their deadline fail. */
    record Tick() implements BridgeEvent {}
}
