package conclave.server;

import conclave.identity.Ed25519PublicKey;
import conclave.identity.Ed25519Signature;
import conclave.identity.MalformedKeyOrSignatureException;
import conclave.identity.Signatures;
import conclave.protocol.Bytes;
import conclave.protocol.Frame;
import conclave.protocol.InvalidNameException;
import conclave.protocol.NameKind;
import conclave.protocol.Names;
import conclave.protocol.ProtocolError;
import conclave.protocol.SessionPath;
import conclave.store.MachineRecord;
import conclave.store.RegisterResult;
import conclave.store.StoreException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one connection, free of I/O: it takes events (a decoded frame, a malformed one, the
 * handshake deadline, the peer closing) and answers through a {@link SessionOutput}.
 *
 * <p>States ({@link SessionState}): {@code AwaitHello → Challenged → [AwaitAuth] → Established →
 * Closed}. Before {@code Established} every failure sends one error frame and closes; nothing
 * about a failed handshake is kept, and a registration writes nothing until the client has proved
 * it holds the key. After {@code Established} every request gets exactly one reply, in order.
 *
 * <p>One event at a time: the transport calls it from the session's serial executor, so it holds
 * no locks. Store calls block; that is why it never runs on an event loop.
 */
final class SessionMachine {
    /** The only protocol version there is. */
    static final long PROTOCOL_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(SessionMachine.class);
    private static final int NONCE_BYTES = 32;

    private final ServerContext context;
    private final Requests requests;
    private final WhisperInbox inbox;
    private SessionState state = new SessionState.AwaitHello();

    SessionMachine(ServerContext context) {
        this.context = context;
        this.inbox = new WhisperInbox(context);
        this.requests = new Requests(context, inbox);
    }

    SessionState state() {
        return state;
    }

    /** A frame arrived from the client. */
    void onFrame(Frame frame, SessionOutput out) {
        if (state instanceof SessionState.Established established) {
            if (established.member().isKilled()) {
                return; // its termination follows; requests already in the pipe go unanswered
            }
            LOG.debug("dispatch path={} kind={}", established.path(), frame.kind().jsonName());
            if (frame instanceof Frame.Capabilities capabilities) {
                negotiate(established, capabilities, out);
                return;
            }
            send(out, traced(established, frame), established.path());
        } else if (state instanceof SessionState.AwaitHello) {
            onHello(frame, out);
        } else if (state instanceof SessionState.Challenged challenged) {
            onRegisterOrAuth(challenged, frame, out);
        } else if (state instanceof SessionState.AwaitAuth awaitAuth) {
            onAuthAfterRegister(awaitAuth, frame, out);
        }
    }

    /** Handles a request inside its trace; the trace gets names only, never the frames. */
    private Frame traced(SessionState.Established session, Frame request) {
        if (context.tracing() == RequestTracing.OFF) {
            return requests.handle(session, request); // not even the names are worked out
        }
        RequestTracing.Trace trace = context.tracing().start(
                TracedNames.kind(request), session.path().text(), TracedNames.channel(request));
        String replyKind = "none";
        Optional<String> errorKind = Optional.empty();
        try {
            Frame reply = requests.handle(session, request);
            replyKind = reply.kind().jsonName();
            if (reply instanceof Frame.Error error) {
                errorKind = Optional.of(error.error().kind().jsonName());
            }
            return reply;
        } finally {
            trace.end(replyKind, errorKind);
        }
    }

    /**
     * Answers {@code capabilities} with the accepted features, then, for {@code inbox}, makes the
     * session an inbox session and hands it its queued whispers. The reply is queued before the
     * hub lists the session as an inbox session, so no extension frame can overtake it.
     */
    private void negotiate(SessionState.Established established, Frame.Capabilities capabilities, SessionOutput out) {
        Extensions.Negotiated negotiated = Extensions.negotiate(established, capabilities);
        if (negotiated.refusal().isPresent()) {
            send(out, negotiated.refusal().get(), established.path());
            return;
        }
        List<String> accepted = negotiated.accepted();
        state = new SessionState.Established(established.path(), established.member(), Optional.of(accepted));
        out.send(new Frame.Capabilities(accepted));
        LOG.debug("capabilities negotiated path={} features={}", established.path(), accepted);
        if (accepted.contains(Extensions.INBOX) && context.hub().enableInbox(established.member())) {
            try {
                inbox.deliverPending(established.member());
            } catch (StoreException failure) {
                // The reply is out; the whispers stay queued for the next connection.
                LOG.error("inbox delivery failed path={}", established.path(), failure);
            }
        }
    }

    /** A text message that is not a valid JSON frame: an error, then close unless established. */
    void onMalformed(String problem, SessionOutput out) {
        if (state instanceof SessionState.Established established) {
            send(out, Replies.malformed(problem), established.path());
        } else if (!(state instanceof SessionState.Closed)) {
            fail(out, Replies.malformed(problem));
        }
    }

    /** The handshake deadline passed. */
    void onHandshakeTimedOut(SessionOutput out) {
        if (!(state instanceof SessionState.Established) && !(state instanceof SessionState.Closed)) {
            reject(out, Replies.unauthorized("handshake timed out"), "timed_out");
        }
    }

    /** The connection is gone: leave presence (only if the path is still ours). */
    void onClosed() {
        if (state instanceof SessionState.Established established) {
            context.hub().detach(established.member());
            LOG.debug("session detached path={}", established.path());
        }
        state = new SessionState.Closed();
    }

    private void onHello(Frame frame, SessionOutput out) {
        if (!(frame instanceof Frame.Hello hello)) {
            fail(out, Replies.malformed("expected Hello"));
            return;
        }
        if (hello.protocolVersion() != PROTOCOL_VERSION) {
            fail(out, new Frame.Error(new ProtocolError.VersionMismatch(PROTOCOL_VERSION, hello.protocolVersion())));
            return;
        }
        try {
            Names.check(NameKind.SESSION_HANDLE, hello.session());
        } catch (InvalidNameException invalid) {
            fail(out, Replies.malformed(invalid.getMessage()));
            return;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        context.random().nextBytes(nonce);
        state = new SessionState.Challenged(nonce, hello.session());
        out.send(new Frame.Challenge(Bytes.of(nonce)));
    }

    private void onRegisterOrAuth(SessionState.Challenged challenged, Frame frame, SessionOutput out) {
        if (frame instanceof Frame.Register register) {
            state = new SessionState.AwaitAuth(challenged.nonce(), challenged.handle(), register);
        } else if (frame instanceof Frame.Auth auth) {
            authenticate(challenged, auth, out);
        } else {
            fail(out, Replies.malformed("expected Register or Auth"));
        }
    }

    private void authenticate(SessionState.Challenged challenged, Frame.Auth auth, SessionOutput out) {
        Optional<Ed25519PublicKey> key = verifiedKey(challenged.nonce(), auth, out);
        if (key.isEmpty()) {
            return;
        }
        Optional<MachineRecord> machine;
        try {
            machine = context.store().findMachine(key.get());
        } catch (StoreException e) {
            fail(out, Replies.internal(e.getMessage()));
            return;
        }
        if (machine.isEmpty()) {
            fail(out, Replies.unauthorized("unknown machine key"));
            return;
        }
        attach(new SessionPath(machine.get().username(), machine.get().name(), challenged.handle()), out);
    }

    private void onAuthAfterRegister(SessionState.AwaitAuth awaiting, Frame frame, SessionOutput out) {
        Frame.Register register = awaiting.register();
        if (!(frame instanceof Frame.Auth auth)) {
            fail(out, Replies.malformed("expected Auth after Register"));
            return;
        }
        if (!auth.pubkey().equals(register.pubkey())) {
            fail(out, Replies.unauthorized("auth key does not match the registered key"));
            return;
        }
        Optional<Ed25519PublicKey> key = verifiedKey(awaiting.nonce(), auth, out);
        if (key.isEmpty()) {
            return;
        }
        try {
            Names.check(NameKind.USERNAME, register.username());
            Names.check(NameKind.MACHINE, register.machine());
        } catch (InvalidNameException invalid) {
            fail(out, Replies.malformed(invalid.getMessage()));
            return;
        }
        Optional<String> pin = context.admins().pinnedKey(register.username());
        if (pin.isPresent() && !pin.get().equals(key.get().text())) {
            fail(out, Replies.unauthorized("username `" + register.username() + "` is reserved for a different key"));
            return;
        }
        RegisterResult result;
        try {
            result = context.store().register(register.username(), register.machine(), key.get());
        } catch (StoreException e) {
            fail(out, Replies.internal(e.getMessage()));
            return;
        }
        switch (result) {
            case USERNAME_TAKEN:
                fail(out, Replies.unauthorized("username `" + register.username() + "` is already taken"));
                return;
            case KEY_ALREADY_ENROLLED:
                fail(out, Replies.malformed("malformed key or signature: public key is already enrolled"));
                return;
            case REGISTERED:
                LOG.info("user registered user={} machine={}", register.username(), register.machine());
                attach(new SessionPath(register.username(), register.machine(), awaiting.handle()), out);
                return;
            default:
                throw new IllegalStateException("unknown register result " + result);
        }
    }

    /** Checks lengths, then the signature over the nonce; on failure answers and closes. */
    private Optional<Ed25519PublicKey> verifiedKey(byte[] nonce, Frame.Auth auth, SessionOutput out) {
        Ed25519PublicKey key;
        Ed25519Signature signature;
        try {
            key = Ed25519PublicKey.of(auth.pubkey().toByteArray());
            signature = Ed25519Signature.of(auth.signature().toByteArray());
        } catch (MalformedKeyOrSignatureException malformed) {
            fail(out, Replies.malformed("malformed key or signature: " + malformed.getMessage()));
            return Optional.empty();
        }
        if (!Signatures.verify(key, nonce, signature)) {
            fail(out, Replies.unauthorized("signature verification failed"));
            return Optional.empty();
        }
        return Optional.of(key);
    }

    /**
     * Queues {@code Established} and {@code ServerInfo} before the session becomes reachable, so
     * nothing pushed to it can overtake them; then publishes it, superseding any older holder.
     */
    private void attach(SessionPath path, SessionOutput out) {
        out.send(new Frame.Established(path));
        out.send(new Frame.ServerInfo(context.admins().isAdmin(path.user())));
        Member member = out.establish(path);
        state = new SessionState.Established(path, member, Optional.empty());
        context.metrics().handshakeEstablished();
        context.hub().attach(member).ifPresent(old -> {
            LOG.info("session superseded by a newer connection path={}", path);
            old.kill(ForceDrop.SUPERSEDED);
        });
        LOG.info("session established path={} user={} machine={}", path, path.user(), path.machine());
    }

    private void send(SessionOutput out, Frame reply, SessionPath path) {
        if (reply instanceof Frame.Error error) {
            LOG.warn("error frame emitted path={} kind={}", path, error.error().kind().jsonName());
        }
        out.send(reply);
    }

    private void fail(SessionOutput out, Frame error) {
        reject(out, error, error instanceof Frame.Error e ? e.error().kind().jsonName() : "other");
    }

    /** Ends a handshake with {@code error}, counted under {@code outcome}. */
    private void reject(SessionOutput out, Frame error, String outcome) {
        if (error instanceof Frame.Error e) {
            LOG.warn("error frame emitted during handshake kind={}", e.error().kind().jsonName());
        }
        context.metrics().handshakeFailed(outcome);
        state = new SessionState.Closed();
        out.send(error);
        out.close();
    }
}
