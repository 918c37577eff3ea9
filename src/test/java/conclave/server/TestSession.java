package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.Frame;
import conclave.protocol.ProtocolError;
import conclave.protocol.SessionPath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One client connection driven straight into a {@link SessionMachine}, with no transport: what the
 * machine sends and what the hub pushes land in one ordered inbox. Kills behave as in the
 * transport: presence is left at once, the error frame follows the reply in progress.
 */
final class TestSession implements Member {
    private final SessionMachine machine;
    private final Hub hub;
    private final ManualClock clock;
    private final int capacity;
    private final Deque<Frame> inbox = new ArrayDeque<>();
    private SessionPath path;
    private boolean closed;
    private boolean stepping;
    private String killReason;
    private long lastSeen;
    private final SessionOutput output = new Output();

    TestSession(ServerContext context, ManualClock clock, int capacity) {
        this.machine = new SessionMachine(context);
        this.hub = context.hub();
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Delivers one frame from the client and runs the machine on it. */
    TestSession send(Frame frame) {
        assertThat(closed).as("connection closed").isFalse();
        lastSeen = clock.nanos();
        stepping = true;
        machine.onFrame(frame, output);
        stepping = false;
        if (killReason != null) {
            terminate();
        }
        return this;
    }

    void sendMalformed(String problem) {
        stepping = true;
        machine.onMalformed(problem, output);
        stepping = false;
    }

    void handshakeTimedOut() {
        machine.onHandshakeTimedOut(output);
    }

    void disconnect() {
        closed = true;
        machine.onClosed();
    }

    /** The next frame received, failing if there is none. */
    Frame next() {
        assertThat(inbox).as("frames received by %s", path).isNotEmpty();
        return inbox.poll();
    }

    <T extends Frame> T next(Class<T> type) {
        Frame frame = next();
        assertThat(frame).isInstanceOf(type);
        return type.cast(frame);
    }

    /** The next frame must be an error of this type whose text is exactly {@code display}. */
    ProtocolError nextError(String display) {
        ProtocolError error = next(Frame.Error.class).error();
        assertThat(error.display()).isEqualTo(display);
        return error;
    }

    Frame.Ack nextAck() {
        return next(Frame.Ack.class);
    }

    List<Frame> drain() {
        List<Frame> all = new ArrayList<>(inbox);
        inbox.clear();
        return all;
    }

    void assertNothingReceived() {
        assertThat(inbox).as("frames received by %s", path).isEmpty();
    }

    boolean closed() {
        return closed;
    }

    @Override
    public SessionPath path() {
        return path;
    }

    /** What the machine sends lands in the inbox; its own replies are bounded like pushes. */
    private final class Output implements SessionOutput {
        @Override
        public boolean send(Frame frame) {
            if (closed) {
                return false;
            }
            if (path != null && inbox.size() >= capacity) {
                kill(ForceDrop.SLOW_CONSUMER);
                return false;
            }
            inbox.add(frame);
            return true;
        }

        @Override
        public void close() {
            closed = true;
            machine.onClosed();
        }

        @Override
        public Member establish(SessionPath established) {
            path = established;
            lastSeen = clock.nanos();
            return TestSession.this;
        }
    }

    // Member

    @Override
    public boolean offer(SharedFrame frame) {
        if (closed || inbox.size() >= capacity) {
            return false;
        }
        inbox.add(frame.frame());
        return true;
    }

    @Override
    public void kill(String reason) {
        if (killReason != null) {
            return;
        }
        killReason = reason;
        hub.detach(this);
        if (!stepping) {
            terminate();
        }
    }

    @Override
    public boolean isKilled() {
        return killReason != null;
    }

    @Override
    public long lastSeenNanos() {
        return lastSeen;
    }

    private void terminate() {
        if (closed) {
            return;
        }
        inbox.add(Replies.unauthorized(killReason));
        closed = true;
        machine.onClosed();
    }
}
