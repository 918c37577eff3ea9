package conclave.client;

import static java.util.Objects.requireNonNull;

import conclave.identity.SigningKey;
import java.time.Duration;

/**
 * How a {@link ControlSession} reaches a server: where, as whom, in which encoding, and its two
 * time limits (reference/cli.md §1.1).
 *
 * @param url the server
 * @param key this machine's identity
 * @param handle the session handle; {@code cli-<pid>} by default, so a CLI call never supersedes
 *     a live bridge session
 * @param encoding bincode by default
 * @param connectTimeout the limit for TCP connect, TLS and the WebSocket upgrade together; 10 s
 * @param replyTimeout the limit for each wait on a server frame, handshake included; 15 s
 */
public record ControlOptions(
        ServerUrl url, SigningKey key, String handle, WireEncoding encoding,
        Duration connectTimeout, Duration replyTimeout) {
    /** The default limit for connecting and upgrading. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The default limit for each wait on a reply. */
    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(15);

    public ControlOptions {
        requireNonNull(url, "url");
        requireNonNull(key, "key");
        requireNonNull(handle, "handle");
        requireNonNull(encoding, "encoding");
        Durations.requirePositive(connectTimeout, "connectTimeout");
        Durations.requirePositive(replyTimeout, "replyTimeout");
    }

    /** The defaults: handle {@code cli-<pid>}, bincode, 10 s to connect, 15 s per reply. */
    public static ControlOptions of(ServerUrl url, SigningKey key) {
        return new ControlOptions(url, key, defaultHandle(), WireEncoding.BINCODE, CONNECT_TIMEOUT, REPLY_TIMEOUT);
    }

    /** {@code cli-<pid>}: this process's own session handle. */
    public static String defaultHandle() {
        return "cli-" + ProcessHandle.current().pid();
    }

    public ControlOptions withHandle(String newHandle) {
        return new ControlOptions(url, key, newHandle, encoding, connectTimeout, replyTimeout);
    }

    public ControlOptions withEncoding(WireEncoding newEncoding) {
        return new ControlOptions(url, key, handle, newEncoding, connectTimeout, replyTimeout);
    }

    public ControlOptions withConnectTimeout(Duration newConnectTimeout) {
        return new ControlOptions(url, key, handle, encoding, newConnectTimeout, replyTimeout);
    }

    public ControlOptions withReplyTimeout(Duration newReplyTimeout) {
        return new ControlOptions(url, key, handle, encoding, connectTimeout, newReplyTimeout);
    }
}
