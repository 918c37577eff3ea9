package conclave.client;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.Ed25519Signature;
import conclave.identity.Signatures;
import conclave.identity.SigningKey;
import conclave.protocol.Bytes;
import conclave.protocol.Frame;
import conclave.protocol.ProtocolError;
import conclave.protocol.SessionPath;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The handshake's steps without a socket. */
class HandshakeTest {
    private static final Bytes NONCE = Bytes.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    private static final SessionPath PATH = new SessionPath("aaron", "box", "razel");

    private final SigningKey key = SigningKey.generate();

    @Test
    void hello_speaksVersion1WithTheHandle() {
        assertThat(Handshake.login(key, "razel").hello()).isEqualTo(new Frame.Hello(1, "razel"));
    }

    @Test
    void login_challenge_answersWithAuthSigningTheRawNonce() {
        Handshake handshake = Handshake.login(key, "razel");

        Handshake.Step step = handshake.on(new Frame.Challenge(NONCE));

        assertThat(step).isInstanceOf(Handshake.Send.class);
        var frames = ((Handshake.Send) step).frames();
        assertThat(frames).hasSize(1);
        Frame.Auth auth = (Frame.Auth) frames.get(0);
        assertThat(auth.pubkey()).isEqualTo(Bytes.of(key.publicKey().bytes()));
        assertThat(Signatures.verify(key.publicKey(), NONCE.toByteArray(),
                Ed25519Signature.of(auth.signature().toByteArray()))).isTrue();
    }

    @Test
    void register_challenge_answersWithRegisterThenAuth() {
        Handshake handshake = Handshake.register(key, "razel", "aaron", "box");

        var frames = ((Handshake.Send) handshake.on(new Frame.Challenge(NONCE))).frames();

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).isEqualTo(new Frame.Register("aaron", "box", Bytes.of(key.publicKey().bytes())));
        assertThat(frames.get(1)).isInstanceOf(Frame.Auth.class);
    }

    @Test
    void login_establishedThenServerInfo_isDoneWithPathAndRole() {
        Handshake handshake = Handshake.login(key, "razel");
        handshake.on(new Frame.Challenge(NONCE));

        Handshake.Step established = handshake.on(new Frame.Established(PATH));
        Handshake.Step info = handshake.on(new Frame.ServerInfo(true));

        assertThat(established).isInstanceOf(Handshake.Continue.class);
        assertThat(info).isEqualTo(new Handshake.Done(PATH, true));
    }

    @Test
    void login_errorInsteadOfChallenge_isAuthenticationRejected() {
        Handshake handshake = Handshake.login(key, "a/b");

        Handshake.Step step = handshake.on(new Frame.Error(
                new ProtocolError.MalformedFrame("invalid session handle: `a/b`")));

        assertThat(((Handshake.Failed) step).failure())
                .isInstanceOf(HandshakeRejectedException.class)
                .hasMessage("authentication rejected: malformed frame: invalid session handle: `a/b`");
    }

    @Test
    void register_errorAfterAuth_isRegistrationRejected() {
        Handshake handshake = Handshake.register(key, "razel", "aaron", "box");
        handshake.on(new Frame.Challenge(NONCE));

        Handshake.Step step = handshake.on(new Frame.Error(
                new ProtocolError.Unauthorized("username `aaron` is already taken")));

        assertThat(((Handshake.Failed) step).failure())
                .hasMessage("registration rejected: unauthorized: username `aaron` is already taken");
    }

    @Test
    void login_establishedBeforeChallenge_isUnexpected() {
        Handshake handshake = Handshake.login(key, "razel");

        Handshake.Step step = handshake.on(new Frame.Established(PATH));

        assertThat(((Handshake.Failed) step).failure())
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessage("unexpected response: established");
    }

    @Test
    void login_otherFrameInsteadOfServerInfo_isUnexpected() {
        Handshake handshake = Handshake.login(key, "razel");
        handshake.on(new Frame.Challenge(NONCE));
        handshake.on(new Frame.Established(PATH));

        Handshake.Step step = handshake.on(new Frame.Ack(Optional.empty()));

        assertThat(((Handshake.Failed) step).failure()).hasMessage("unexpected response: ack");
    }
}
