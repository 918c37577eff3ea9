package conclave.client;

import static java.util.Objects.requireNonNull;

import conclave.identity.SigningKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * How a {@link Link} reaches its server and paces itself. Start from {@link #of} and change what
 * differs with the {@code with…} methods.
 *
 * @param url the server
 * @param key this machine's identity
 * @param handle the session handle, read again at every dial, so a rename applies to the next
 *     connection
 * @param encoding bincode by default
 * @param connectTimeout the limit for TCP connect, TLS and the upgrade together; 10 s
 * @param handshakeTimeout the limit for each wait on a handshake frame; 15 s
 * @param keepaliveEvery how often a {@code ping} goes out while up; 20 s (the server drops a
 *     session silent for 60 s). A ping still unanswered two intervals later ends the connection.
 * @param requestDeadline the deadline of {@link Link#request(conclave.protocol.Frame)}; 30 s
 * @param maxPending how many requests may wait for replies at once; 1024
 * @param firstRedial the nominal wait before the first re-dial, doubling from there
 *     ({@link LinkBackoff}); 200 ms
 * @param dialNoticeAfter the consecutive failed dial that first produces a
 *     {@link LinkEvent.DialFailing}; 3 (SPEC §6.12). 1 reports the very first failure, for a
 *     caller to whom a failed first connection is fatal.
 * @param serverIdGate whether to use the server, decided from its id before the handshake
 * @param random uniform numbers in [0, 1) for the backoff's jitter
 * @param ticker monotonic nanoseconds, for how long a connection stayed up
 * @param features the protocol extensions to ask for (PROTOCOL.md, "Extensions") when the server
 *     offers them in {@code x-conclave-features}; none by default, so the link speaks exactly the
 *     original protocol
 */
public record LinkOptions(
        ServerUrl url, SigningKey key, Supplier<String> handle, WireEncoding encoding,
        Duration connectTimeout, Duration handshakeTimeout, Duration keepaliveEvery, Duration requestDeadline,
        int maxPending, Duration firstRedial, int dialNoticeAfter, ServerIdGate serverIdGate, DoubleSupplier random,
        LongSupplier ticker, List<String> features) {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration KEEPALIVE_EVERY = Duration.ofSeconds(20);
    public static final Duration REQUEST_DEADLINE = Duration.ofSeconds(30);
    public static final int MAX_PENDING = 1024;

    public LinkOptions {
        requireNonNull(url, "url");
        requireNonNull(key, "key");
        requireNonNull(handle, "handle");
        requireNonNull(encoding, "encoding");
        Durations.requirePositive(connectTimeout, "connectTimeout");
        Durations.requirePositive(handshakeTimeout, "handshakeTimeout");
        Durations.requirePositive(keepaliveEvery, "keepaliveEvery");
        Durations.requirePositive(requestDeadline, "requestDeadline");
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending : " + maxPending + " (expected: > 0)");
        }
        LinkBackoff.requireFirst(firstRedial);
        if (dialNoticeAfter < 1) {
            throw new IllegalArgumentException("dialNoticeAfter : " + dialNoticeAfter + " (expected: > 0)");
        }
        requireNonNull(serverIdGate, "serverIdGate");
        requireNonNull(random, "random");
        requireNonNull(ticker, "ticker");
        features = List.copyOf(features);
    }

    /** The defaults for a link to {@code url} as {@code key}, with the handle read from {@code handle}. */
    public static LinkOptions of(ServerUrl url, SigningKey key, Supplier<String> handle) {
        return new LinkOptions(url, key, handle, WireEncoding.BINCODE, CONNECT_TIMEOUT, HANDSHAKE_TIMEOUT,
                KEEPALIVE_EVERY, REQUEST_DEADLINE, MAX_PENDING, LinkBackoff.FIRST, DialFailures.NOTICE_AFTER,
                ServerIdGate.ANY, () -> ThreadLocalRandom.current().nextDouble(), System::nanoTime, List.of());
    }

    public LinkOptions withEncoding(WireEncoding newEncoding) {
        return new LinkOptions(url, key, handle, newEncoding, connectTimeout, handshakeTimeout, keepaliveEvery,
                requestDeadline, maxPending, firstRedial, dialNoticeAfter, serverIdGate, random, ticker, features);
    }

    public LinkOptions withConnectTimeout(Duration newConnectTimeout) {
        return new LinkOptions(url, key, handle, encoding, newConnectTimeout, handshakeTimeout, keepaliveEvery,
                requestDeadline, maxPending, firstRedial, dialNoticeAfter, serverIdGate, random, ticker, features);
    }

    public LinkOptions withHandshakeTimeout(Duration newHandshakeTimeout) {
        return new LinkOptions(url, key, handle, encoding, connectTimeout, newHandshakeTimeout, keepaliveEvery,
                requestDeadline, maxPending, firstRedial, dialNoticeAfter, serverIdGate, random, ticker, features);
    }

    public LinkOptions withKeepaliveEvery(Duration newKeepaliveEvery) {
        return new LinkOptions(url, key, handle, encoding, connectTimeout, handshakeTimeout, newKeepaliveEvery,
                requestDeadline, maxPending, firstRedial, dialNoticeAfter, serverIdGate, random, ticker, features);
    }

    public LinkOptions withRequestDeadline(Duration newRequestDeadline) {
        return new LinkOptions(url, key, handle, encoding, connectTimeout, handshakeTimeout, keepaliveEvery,
                newRequestDeadline, maxPending, firstRedial, dialNoticeAfter, serverIdGate, random, ticker, features);
    }

    public LinkOptions withMaxPending(int newMaxPending) {
        return new LinkOptions(url, key, handle, encoding, connectTimeout, handshakeTimeout, keepaliveEvery,
                requestDeadline, newMaxPending, firstRedial, dialNoticeAfter, serverIdGate, random, ticker, features);
    }

    public LinkOptions withFirstRedial(Duration newFirstRedial) {
        return new LinkOptions(url, key, handle, encoding, connectTimeout, handshakeTimeout, keepaliveEvery,
                requestDeadline, maxPending, newFirstRedial, dialNoticeAfter, serverIdGate, random, ticker, features);
    }

    public LinkOptions withDialNoticeAfter(int newDialNoticeAfter) {
        return new LinkOptions(url, key, handle, encoding, connectTimeout, handshakeTimeout, keepaliveEvery,
                requestDeadline, maxPending, firstRedial, newDialNoticeAfter, serverIdGate, random, ticker, features);
    }

    public LinkOptions withServerIdGate(ServerIdGate newServerIdGate) {
        return new LinkOptions(url, key, handle, encoding, connectTimeout, handshakeTimeout, keepaliveEvery,
                requestDeadline, maxPending, firstRedial, dialNoticeAfter, newServerIdGate, random, ticker, features);
    }

    public LinkOptions withRandom(DoubleSupplier newRandom) {
        return new LinkOptions(url, key, handle, encoding, connectTimeout, handshakeTimeout, keepaliveEvery,
                requestDeadline, maxPending, firstRedial, dialNoticeAfter, serverIdGate, newRandom, ticker, features);
    }

    public LinkOptions withTicker(LongSupplier newTicker) {
        return new LinkOptions(url, key, handle, encoding, connectTimeout, handshakeTimeout, keepaliveEvery,
                requestDeadline, maxPending, firstRedial, dialNoticeAfter, serverIdGate, random, newTicker, features);
    }

    public LinkOptions withFeatures(List<String> newFeatures) {
        return new LinkOptions(url, key, handle, encoding, connectTimeout, handshakeTimeout, keepaliveEvery,
                requestDeadline, maxPending, firstRedial, dialNoticeAfter, serverIdGate, random, ticker, newFeatures);
    }
}
