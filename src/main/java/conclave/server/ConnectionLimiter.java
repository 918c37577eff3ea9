package conclave.server;

import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, before a WebSocket upgrade, whether the server takes one more connection: at most
 * {@code maxSessions} WebSocket connections in all, and at most {@code maxPreAuthPerAddress} per
 * remote address that have not authenticated yet. A refused request gets HTTP 503 and never
 * reaches a session. Thread-safe and lock-free: counts are atomics, and the per-address map drops
 * an address once its count reaches zero, so it cannot grow with addresses that came and went.
 */
final class ConnectionLimiter {
    private final int maxSessions;
    private final int maxPreAuthPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentMap<InetAddress, Integer> preAuth = new ConcurrentHashMap<>();

    ConnectionLimiter(ServerLimits limits) {
        this.maxSessions = limits.maxSessions();
        this.maxPreAuthPerAddress = limits.maxPreAuthPerAddress();
    }

    /**
     * Counts one more connection from {@code address}, or refuses it.
     *
     * @return the admission to release as the connection authenticates and closes, or empty if
     *     a limit is reached
     */
    Optional<Admission> admit(InetAddress address) {
        if (open.incrementAndGet() > maxSessions) {
            open.decrementAndGet();
            return Optional.empty();
        }
        boolean[] admitted = new boolean[1];
        preAuth.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPreAuthPerAddress) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
            return Optional.empty();
        }
        return Optional.of(new Admission(address));
    }

    /** WebSocket connections currently counted, authenticated or not. */
    int openConnections() {
        return open.get();
    }

    private void leavePreAuth(InetAddress address) {
        preAuth.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** One admitted connection's place in the counts; each release happens at most once. */
    final class Admission {
        /** Where the upgrade leaves the admission for the session handler to find. */
        static final AttributeKey<Admission> KEY = AttributeKey.valueOf("conclave-admission");

        private final InetAddress address;
        private final AtomicBoolean authenticated = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();

        private Admission(InetAddress address) {
            this.address = address;
        }

        /** The connection authenticated: it no longer counts against its address. */
        void authenticated() {
            if (authenticated.compareAndSet(false, true)) {
                leavePreAuth(address);
            }
        }

        /** The connection is gone: it no longer counts at all. */
        void closed() {
            if (closed.compareAndSet(false, true)) {
                authenticated();
                open.decrementAndGet();
            }
        }
    }
}
