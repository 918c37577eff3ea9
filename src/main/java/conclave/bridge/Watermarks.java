package conclave.bridge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How far this session has read each channel, for {@code catch_up} without {@code since}
 * (reference/bridge.md §7, SPEC §6.19): the local clock at each delivered live message, raised to
 * the newest server timestamp of each history page. Process memory only. Not thread-safe.
 */
final class Watermarks {
    private final Map<List<String>, Long> seen = new HashMap<>();

    /** A live message on {@code channel} was delivered at {@code nowMillis}. */
    void delivered(String server, String channel, long nowMillis) {
        seen.put(List.of(server, channel), nowMillis);
    }

    /** A history page for {@code channel} ended at {@code newestMillis}. */
    void read(String server, String channel, long newestMillis) {
        seen.merge(List.of(server, channel), newestMillis, Math::max);
    }

    /** The watermark, or empty if the channel was never seen. */
    OptionalLong of(String server, String channel) {
        Long millis = seen.get(List.of(server, channel));
        return millis == null ? OptionalLong.empty() : OptionalLong.of(millis);
    }
}
