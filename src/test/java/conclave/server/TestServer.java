package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.Bytes;
import conclave.protocol.Frame;
import conclave.protocol.SessionPath;
import conclave.store.SqliteStore;
import conclave.store.Store;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A server without a transport: a real SQLite store (a file in a temporary directory, or the
 * ephemeral in-memory one), a real hub, a manual clock, and {@link TestSession}s driven frame by frame.
 */
final class TestServer implements AutoCloseable {
    static final int UNBOUNDED = Integer.MAX_VALUE;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T12:00:00Z"));
    final Store store;
    final Hub hub;
    final ServerContext context;

    TestServer(Path dataDir, String... adminSpecs) {
        this(dataDir, ServerLimits.DEFAULT, adminSpecs);
    }

    TestServer(Path dataDir, ServerLimits limits, String... adminSpecs) {
        this(clock -> SqliteStore.open(dataDir, clock::now), limits, adminSpecs);
    }

    /**
     * A server over the in-memory SQLite store that {@code serve --ephemeral} uses: the same SQL
     * without file syncs, for tests that build hundreds of small worlds.
     */
    static TestServer ephemeral(String... adminSpecs) {
        return new TestServer(clock -> SqliteStore.inMemory(clock::now), ServerLimits.DEFAULT, adminSpecs);
    }

    private TestServer(Function<ManualClock, Store> opener, ServerLimits limits, String... adminSpecs) {
        store = opener.apply(clock);
        ServerMetrics metrics = new ServerMetrics();
        hub = new Hub(store.listBans().stream()
                .map(ban -> new Hub.ChannelUser(ban.channel(), ban.username()))
                .toList(), metrics);
        context = new ServerContext(
                store, hub, new SoloCluster(hub), AdminAllowlist.parse(List.of(adminSpecs)), limits, clock,
                new SecureRandom(), metrics, RequestTracing.OFF);
    }

    TestSession connect() {
        return new TestSession(context, clock, UNBOUNDED);
    }

    TestSession connect(int capacity) {
        return new TestSession(context, clock, capacity);
    }

    /** Hello → Challenge; returns the nonce. */
    static byte[] hello(TestSession session, String handle) {
        session.send(new Frame.Hello(1, handle));
        return session.next(Frame.Challenge.class).nonce().toByteArray();
    }

    static Frame.Auth auth(SigningKey key, byte[] nonce) {
        return new Frame.Auth(Bytes.of(key.publicKey().bytes()), Bytes.of(key.sign(nonce).bytes()));
    }

    static Frame.Register registration(String user, String machine, SigningKey key) {
        return new Frame.Register(user, machine, Bytes.of(key.publicKey().bytes()));
    }

    /** A new user with a new key, fully established; the handshake frames are consumed. */
    TestSession register(String user, String machine, String handle, SigningKey key) {
        return register(user, machine, handle, key, UNBOUNDED);
    }

    TestSession register(String user, String machine, String handle, SigningKey key, int capacity) {
        TestSession session = connect(capacity);
        byte[] nonce = hello(session, handle);
        session.send(registration(user, machine, key)).send(auth(key, nonce));
        expectEstablished(session, new SessionPath(user, machine, handle));
        return session;
    }

    TestSession register(String user, String handle) {
        return register(user, "box", handle, SigningKey.generate());
    }

    /** An enrolled key logging in as {@code handle}; the handshake frames are consumed. */
    TestSession login(SigningKey key, String handle) {
        TestSession session = connect();
        byte[] nonce = hello(session, handle);
        session.send(auth(key, nonce));
        Frame.Established established = session.next(Frame.Established.class);
        session.next(Frame.ServerInfo.class);
        assertThat(established.path().session()).isEqualTo(handle);
        return session;
    }

    static void expectEstablished(TestSession session, SessionPath path) {
        assertThat(session.next(Frame.Established.class).path()).isEqualTo(path);
        session.next(Frame.ServerInfo.class);
    }

    @Override
    public void close() {
        store.close();
    }
}
