package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.BincodeCodec;
import conclave.protocol.Bytes;
import conclave.protocol.DecodeException;
import conclave.protocol.Frame;
import conclave.protocol.JsonFrameCodec;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal WebSocket client for tests, speaking either encoding: it records every frame (and
 * the close) in arrival order, and every wait has a deadline.
 */
public final class WsTestClient implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final BincodeCodec BINCODE = new BincodeCodec();
    private static final JsonFrameCodec JSON = new JsonFrameCodec();

    /** Something that arrived: a frame, raw text, or the end of the connection. */
    sealed interface Event {}

    record Received(Frame frame) implements Event {}

    record Closed(int status) implements Event {}

    private final WireEncoding encoding;
    private final WebSocket socket;
    private final BlockingQueue<Event> events;

    private WsTestClient(WireEncoding encoding, WebSocket socket, BlockingQueue<Event> events) {
        this.encoding = encoding;
        this.socket = socket;
        this.events = events;
    }

    static WsTestClient connect(InetSocketAddress server, WireEncoding encoding) throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(DEADLINE)
                .buildAsync(URI.create("ws://127.0.0.1:" + server.getPort() + "/"), new Recorder(events))
                .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        return new WsTestClient(encoding, socket, events);
    }

    /** Registers a fresh user and returns its established client. */
    /**
     * A client as the Rust original would be, for tests outside this package: registers a fresh
     * user over bincode and never sends {@code capabilities}.
     */
    public static WsTestClient registerAsRustClient(InetSocketAddress server, String user, String handle)
            throws Exception {
        return register(server, WireEncoding.BINCODE, user, handle);
    }

    static WsTestClient register(InetSocketAddress server, WireEncoding encoding, String user, String handle)
            throws Exception {
        return register(server, encoding, user, handle, SigningKey.generate());
    }

    /**
     * Registers {@code user} with machine {@code box} and this key; returns the established client
     * once it is reachable by others (see {@link #awaitReachable}).
     */
    static WsTestClient register(
            InetSocketAddress server, WireEncoding encoding, String user, String handle, SigningKey key)
            throws Exception {
        WsTestClient client = connect(server, encoding);
        client.send(new Frame.Hello(1, handle));
        byte[] nonce = client.next(Frame.Challenge.class).nonce().toByteArray();
        client.send(new Frame.Register(user, "box", Bytes.of(key.publicKey().bytes())));
        client.send(new Frame.Auth(Bytes.of(key.publicKey().bytes()), Bytes.of(key.sign(nonce).bytes())));
        assertThat(client.next(Frame.Established.class).path()).isEqualTo(new SessionPath(user, "box", handle));
        client.next(Frame.ServerInfo.class);
        client.awaitReachable();
        return client;
    }

    /** Logs an enrolled key in as {@code handle}; returns the established client once reachable. */
    static WsTestClient login(InetSocketAddress server, WireEncoding encoding, SigningKey key, String handle)
            throws Exception {
        WsTestClient client = connect(server, encoding);
        client.send(new Frame.Hello(1, handle));
        byte[] nonce = client.next(Frame.Challenge.class).nonce().toByteArray();
        client.send(new Frame.Auth(Bytes.of(key.publicKey().bytes()), Bytes.of(key.sign(nonce).bytes())));
        assertThat(client.next(Frame.Established.class).path().session()).isEqualTo(handle);
        client.next(Frame.ServerInfo.class);
        client.awaitReachable();
        return client;
    }

    /**
     * Has this client create the private channel {@code channel}, invite {@code member} into it
     * and join it itself; returns the invite token.
     */
    String sharePrivateChannel(String channel, WsTestClient member) throws Exception {
        send(new Frame.Admin(new AdminOp.CreateChannel(channel, Visibility.PRIVATE)));
        next(Frame.Ack.class);
        send(new Frame.Admin(new AdminOp.InviteCreate(channel, Optional.empty(), Optional.empty())));
        String token = next(Frame.InviteToken.class).token();
        member.send(new Frame.Join(channel, Optional.of(token)));
        member.next(Frame.Joined.class);
        send(new Frame.Join(channel, Optional.empty()));
        next(Frame.Joined.class);
        return token;
    }

    /**
     * A Ping round trip. The server sends Established before it publishes the session, so a
     * whisper or post aimed at a session whose client has only just seen Established can miss it;
     * the Pong comes from a later step, after publication.
     */
    private void awaitReachable() throws Exception {
        send(new Frame.Ping());
        next(Frame.Pong.class);
    }

    public void send(Frame frame) throws Exception {
        if (encoding == WireEncoding.BINCODE) {
            sendBinary(BINCODE.encode(frame));
        } else {
            sendText(JSON.encode(frame));
        }
    }

    void sendBinary(byte[] bytes) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    void sendText(String text) throws Exception {
        socket.sendText(text, true).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    Event nextEvent() throws InterruptedException {
        Event event = events.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("an event within %s", DEADLINE).isNotNull();
        return event;
    }

    public Frame next() throws InterruptedException {
        Event event = nextEvent();
        assertThat(event).isInstanceOf(Received.class);
        return ((Received) event).frame();
    }

    public <T extends Frame> T next(Class<T> type) throws InterruptedException {
        Frame frame = next();
        assertThat(frame).isInstanceOf(type);
        return type.cast(frame);
    }

    /** Waits for the connection to end and returns the close status (-1: cut without a Close). */
    int awaitClosed() throws InterruptedException {
        while (true) {
            Event event = nextEvent();
            if (event instanceof Closed closed) {
                return closed.status();
            }
        }
    }

    /** Every frame that arrives until the connection ends. */
    List<Frame> framesUntilClosed() throws InterruptedException {
        List<Frame> frames = new ArrayList<>();
        while (true) {
            Event event = nextEvent();
            if (event instanceof Received received) {
                frames.add(received.frame());
            } else if (event instanceof Closed) {
                return frames;
            }
        }
    }

    /** True if nothing arrives within {@code quiet}. */
    public boolean silentFor(Duration quiet) throws InterruptedException {
        return events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Reassembles messages from their parts, decodes them and queues them in order. */
    private static final class Recorder implements WebSocket.Listener {
        private final BlockingQueue<Event> sink;
        private final ByteArrayOutputStream parts = new ByteArrayOutputStream();
        private final StringBuilder text = new StringBuilder();

        Recorder(BlockingQueue<Event> sink) {
            this.sink = sink;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            parts.writeBytes(chunk);
            if (last) {
                sink.add(decodeBinary(parts.toByteArray()));
                parts.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                sink.add(decodeText(text.toString()));
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            sink.add(new Closed(statusCode));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            sink.add(new Closed(-1));
        }

        private static Event decodeBinary(byte[] bytes) {
            try {
                return new Received(BINCODE.decode(bytes).frame());
            } catch (DecodeException e) {
                throw new AssertionError("server sent undecodable bincode: " + e.getMessage(), e);
            }
        }

        private static Event decodeText(String json) {
            try {
                return new Received(JSON.decode(json));
            } catch (DecodeException e) {
                throw new AssertionError("server sent undecodable JSON: " + e.getMessage(), e);
            }
        }
    }
}
