package conclave.bridge;

import conclave.config.PermissionLevel;
import conclave.protocol.Frame;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The calls in flight, by call id: numbering them, sending them on the {@link LinkPort} or holding
 * them until their server's link is up, and finding those past the deadline. Ending a call is the
 * caller's: every method that removes calls returns them, oldest first. Not thread-safe: the
 * dispatcher's thread only.
 */
final class CallTable {
    private final Map<Long, Call> calls = new LinkedHashMap<>();
    /** Per server, the calls held until its link is up, in the order they were made. */
    private final Map<String, ArrayDeque<Long>> waiting = new HashMap<>();
    private final InstantSource clock;
    private final LinkPort links;
    private final Duration deadline;
    private long nextCallId = 1;

    CallTable(InstantSource clock, LinkPort links, Duration deadline) {
        this.clock = clock;
        this.links = links;
        this.deadline = deadline;
    }

    /**
     * Numbers a call and sends it now, or holds it until {@link #linkUp} if {@code linkUp} is false.
     *
     * @param mcpId the MCP request to answer, or null for the bridge's own
     * @param okText the success text instead of the reply's rendering, or null
     * @param joinLevel the level to set once joined, or null
     * @return the call id
     */
    long open(String server, JsonNode mcpId, Frame request, String okText, PermissionLevel joinLevel, boolean linkUp) {
        Call call = new Call(nextCallId++, server, mcpId, request, okText, joinLevel, clock.millis());
        calls.put(call.id(), call);
        if (linkUp) {
            links.request(server, call.id(), request);
        } else {
            waiting.computeIfAbsent(server, key -> new ArrayDeque<>()).add(call.id());
        }
        return call.id();
    }

    /** Sends the calls held for {@code server}'s link. */
    void linkUp(String server) {
        ArrayDeque<Long> held = waiting.remove(server);
        while (held != null && !held.isEmpty()) {
            Call call = calls.get(held.poll());
            if (call != null) {
                links.request(server, call.id(), call.request());
            }
        }
    }

    /** Removes call {@code id}: empty if its deadline passed or its link went down first. */
    Optional<Call> close(long id) {
        Call call = calls.remove(id);
        if (call != null) {
            unhold(call);
        }
        return Optional.ofNullable(call);
    }

    /** Removes the calls whose deadline has passed. */
    List<Call> expire() {
        long now = clock.millis();
        return closeAll(call -> now - call.startedMillis() >= deadline.toMillis());
    }

    /** Removes {@code server}'s calls that were sent, and those held for its link only if {@code heldToo}. */
    List<Call> closeAll(String server, boolean heldToo) {
        ArrayDeque<Long> held = waiting.getOrDefault(server, new ArrayDeque<>());
        return closeAll(call -> call.server().equals(server) && (heldToo || !held.contains(call.id())));
    }

    private List<Call> closeAll(Predicate<Call> which) {
        List<Call> closed = new ArrayList<>();
        for (Iterator<Call> it = calls.values().iterator(); it.hasNext(); ) {
            Call call = it.next();
            if (which.test(call)) {
                it.remove();
                closed.add(call);
            }
        }
        closed.forEach(this::unhold);
        return closed;
    }

    private void unhold(Call call) {
        ArrayDeque<Long> held = waiting.get(call.server());
        if (held != null) {
            held.remove(call.id());
        }
    }
}
