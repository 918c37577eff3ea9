package conclave.client;

import static java.util.Objects.requireNonNull;

import conclave.protocol.Frame;
import conclave.protocol.ProtocolError;
import conclave.protocol.SessionPath;
import java.time.Duration;
import java.util.Optional;

/**
 * Something that happened to a {@link Link}, in the past tense. A {@link LinkListener} gets them
 * one at a time, in order, on the link's event loop.
 */
public sealed interface LinkEvent {
    /**
     * The link has a fresh authenticated connection. Subscriptions do not survive a reconnect:
     * whoever wants a channel joins it again here.
     *
     * @param path the session's full path, as the server established it
     * @param admin whether the server says this user is a server admin
     * @param serverId the server's {@code x-conclave-server-id}, if it sent one
     */
    record Up(SessionPath path, boolean admin, Optional<String> serverId) implements LinkEvent {
        public Up {
            requireNonNull(path, "path");
            requireNonNull(serverId, "serverId");
        }
    }

    /**
     * The connection that was {@link Up} has ended; every request waiting on it has failed, and
     * a re-dial is scheduled.
     *
     * @param reason what ended it, e.g. {@code the server closed the connection (1001)} or the
     *     display of the error the server sent just before
     * @param uptime how long the connection was up (a fight between two sessions over one path
     *     shows as drops within seconds)
     */
    record Down(String reason, Duration uptime) implements LinkEvent {
        public Down {
            requireNonNull(reason, "reason");
            requireNonNull(uptime, "uptime");
        }
    }

    /** A {@code channel_msg} or {@code whisper} the server pushed to this session. */
    record Pushed(Frame frame) implements LinkEvent {
        public Pushed {
            requireNonNull(frame, "frame");
        }
    }

    /**
     * An {@code error} that answers no request: usually why the server is about to drop this
     * session (superseded, revoked, idle, slow consumer).
     */
    record ServerError(ProtocolError error) implements LinkEvent {
        public ServerError {
            requireNonNull(error, "error");
        }
    }

    /** A {@code server_info} after the handshake changed this session's admin role. */
    record AdminChanged(boolean admin) implements LinkEvent {}

    /**
     * Dialling keeps failing: sent on the third consecutive failure (or the one
     * {@link LinkOptions#dialNoticeAfter()} names) and on every change of the reason after that
     * (SPEC §6.12). The link keeps re-dialling.
     *
     * @param consecutiveFailures failed attempts since the last successful handshake
     * @param reason the latest failure, e.g. {@code failed to connect to `ws://…`: connection
     *     refused} or {@code authentication rejected: unauthorized: unknown machine key}
     */
    record DialFailing(int consecutiveFailures, String reason) implements LinkEvent {
        public DialFailing {
            requireNonNull(reason, "reason");
        }
    }

    /**
     * The link's {@link LinkOptions#serverIdGate() server id gate} refused the server before the
     * handshake; the link is closed for good and never re-dials.
     *
     * @param serverId the server's {@code x-conclave-server-id}
     * @param reason the gate's reason
     */
    record Refused(String serverId, String reason) implements LinkEvent {
        public Refused {
            requireNonNull(serverId, "serverId");
            requireNonNull(reason, "reason");
        }
    }
}
