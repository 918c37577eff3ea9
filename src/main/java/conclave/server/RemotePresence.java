package conclave.server;

import conclave.protocol.SessionPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What this instance knows of the other instances of its conclave: when each was last heard
 * from, and the sessions each reports online with their channels. Each instance reports only its
 * own sessions, so one instance's view is replaced or changed only by its own events. Thread-safe
 * (one lock; callers never hold it while doing I/O).
 */
final class RemotePresence {
    /** Guarded by this; instance → its view. */
    private final Map<String, View> instances = new HashMap<>();

    private static final class View {
        long lastHeardNanos;
        Map<SessionPath, Set<String>> sessions = new HashMap<>();
    }

    /** Notes that {@code instance} spoke at {@code nanos}; a new instance is added with no sessions. */
    synchronized void heard(String instance, long nanos) {
        instances.computeIfAbsent(instance, i -> new View()).lastHeardNanos = nanos;
    }

    /** Replaces everything known of {@code instance}'s sessions. */
    synchronized void replace(String instance, Map<SessionPath, Set<String>> sessions) {
        Map<SessionPath, Set<String>> copy = new HashMap<>();
        sessions.forEach((path, channels) -> copy.put(path, new HashSet<>(channels)));
        view(instance).sessions = copy;
    }

    synchronized void up(String instance, SessionPath path) {
        view(instance).sessions.put(path, new HashSet<>());
    }

    synchronized void down(String instance, SessionPath path) {
        view(instance).sessions.remove(path);
    }

    synchronized void subscribed(String instance, SessionPath path, String channel) {
        view(instance).sessions.computeIfAbsent(path, p -> new HashSet<>()).add(channel);
    }

    synchronized void unsubscribed(String instance, SessionPath path, String channel) {
        Set<String> channels = view(instance).sessions.get(path);
        if (channels != null) {
            channels.remove(channel);
        }
    }

    /** Forgets {@code instance} and its sessions. */
    synchronized void forget(String instance) {
        instances.remove(instance);
    }

    /** Forgets every instance last heard before {@code cutoffNanos}; returns them. */
    synchronized List<String> forgetSilentSince(long cutoffNanos) {
        List<String> silent = new ArrayList<>();
        for (Iterator<Map.Entry<String, View>> it = instances.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, View> entry = it.next();
            if (entry.getValue().lastHeardNanos - cutoffNanos < 0) {
                silent.add(entry.getKey());
                it.remove();
            }
        }
        return silent;
    }

    /** The paths online on any other instance. */
    synchronized Set<SessionPath> online() {
        Set<SessionPath> online = new HashSet<>();
        for (View view : instances.values()) {
            online.addAll(view.sessions.keySet());
        }
        return online;
    }

    /** The paths subscribed to {@code channel} on any other instance. */
    synchronized Set<SessionPath> subscribers(String channel) {
        Set<SessionPath> subscribed = new HashSet<>();
        for (View view : instances.values()) {
            view.sessions.forEach((path, channels) -> {
                if (channels.contains(channel)) {
                    subscribed.add(path);
                }
            });
        }
        return subscribed;
    }

    /** An instance where {@code path} is online, if any. */
    synchronized Optional<String> instanceOf(SessionPath path) {
        for (Map.Entry<String, View> entry : instances.entrySet()) {
            if (entry.getValue().sessions.containsKey(path)) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    /** Guarded by this. */
    private View view(String instance) {
        return instances.computeIfAbsent(instance, i -> new View());
    }
}
