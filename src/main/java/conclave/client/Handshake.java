package conclave.client;

import static java.util.Objects.requireNonNull;

import conclave.identity.SigningKey;
import conclave.protocol.Bytes;
import conclave.protocol.Frame;
import conclave.protocol.SessionPath;
import java.util.List;
import java.util.Optional;

/**
 * The client's side of the handshake (PROTOCOL.md §6), without I/O: {@code Hello} → challenge →
 * {@code Auth} (or {@code Register} + {@code Auth}) → {@code Established} → {@code ServerInfo}.
 * Feed it each frame the server sends; it answers with the frames to send next, or how it ended.
 *
 * <p>States: awaiting the challenge, awaiting {@code established}, awaiting {@code server_info},
 * then done or failed. An {@code error} at any point is a rejection; any other frame out of place
 * is {@code unexpected response: <kind>}. Not thread-safe: one handshake, one thread at a time.
 */
final class Handshake {
    /** What to do after a frame. */
    sealed interface Step {}

    /** Send these frames, in order, then wait for the next one. */
    record Send(List<Frame> frames) implements Step {}

    /** Wait for the next frame. */
    record Continue() implements Step {}

    /** The session is established. */
    record Done(SessionPath path, boolean admin) implements Step {}

    /** The handshake failed; the connection is of no further use. */
    record Failed(ClientException failure) implements Step {}

    private enum State { AWAIT_CHALLENGE, AWAIT_ESTABLISHED, AWAIT_SERVER_INFO, DONE, FAILED }

    /** The protocol version this client speaks. */
    static final long PROTOCOL_VERSION = 1;

    private final SigningKey key;
    private final String handle;
    private final Optional<Frame.Register> registration;
    private State state = State.AWAIT_CHALLENGE;
    private SessionPath path;

    private Handshake(SigningKey key, String handle, Optional<Frame.Register> registration) {
        this.key = requireNonNull(key, "key");
        this.handle = requireNonNull(handle, "handle");
        this.registration = registration;
    }

    /** Logs an enrolled key in as session {@code handle}. */
    static Handshake login(SigningKey key, String handle) {
        return new Handshake(key, handle, Optional.empty());
    }

    /** Claims {@code username} and enrols this key as {@code machine}, then logs in as {@code handle}. */
    static Handshake register(SigningKey key, String handle, String username, String machine) {
        requireNonNull(username, "username");
        requireNonNull(machine, "machine");
        Bytes publicKey = Bytes.of(key.publicKey().bytes());
        return new Handshake(key, handle, Optional.of(new Frame.Register(username, machine, publicKey)));
    }

    /** The first frame to send. */
    Frame hello() {
        return new Frame.Hello(PROTOCOL_VERSION, handle);
    }

    /** The next step after {@code frame} arrived. */
    Step on(Frame frame) {
        if (frame instanceof Frame.Error error) {
            return fail(new HandshakeRejectedException(
                    registration.isPresent() ? "registration" : "authentication", error.error()));
        }
        switch (state) {
            case AWAIT_CHALLENGE -> {
                if (frame instanceof Frame.Challenge challenge) {
                    state = State.AWAIT_ESTABLISHED;
                    return new Send(answer(challenge.nonce()));
                }
            }
            case AWAIT_ESTABLISHED -> {
                if (frame instanceof Frame.Established established) {
                    state = State.AWAIT_SERVER_INFO;
                    path = established.path();
                    return new Continue();
                }
            }
            case AWAIT_SERVER_INFO -> {
                if (frame instanceof Frame.ServerInfo info) {
                    state = State.DONE;
                    return new Done(path, info.admin());
                }
            }
            case DONE, FAILED -> throw new IllegalStateException("handshake already ended: " + state);
        }
        return fail(new UnexpectedReplyException(frame.kind()));
    }

    private List<Frame> answer(Bytes nonce) {
        Bytes publicKey = Bytes.of(key.publicKey().bytes());
        Frame.Auth auth = new Frame.Auth(publicKey, Bytes.of(key.sign(nonce.toByteArray()).bytes()));
        return registration.<List<Frame>>map(register -> List.of(register, auth)).orElse(List.of(auth));
    }

    private Step fail(ClientException failure) {
        state = State.FAILED;
        return new Failed(failure);
    }
}
