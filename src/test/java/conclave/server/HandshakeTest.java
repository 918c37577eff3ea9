package conclave.server;

import static conclave.server.TestServer.auth;
import static conclave.server.TestServer.hello;
import static conclave.server.TestServer.registration;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.Bytes;
import conclave.protocol.Frame;
import conclave.protocol.ProtocolError;
import conclave.protocol.SessionPath;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The handshake, transport-free: reference scenarios 1–13 and 16 and the bad-input table. */
class HandshakeTest {
    @TempDir
    Path dataDir;

    private TestServer server;
    private final SigningKey aaronKey = SigningKey.generate();

    @BeforeEach
    void start() {
        server = new TestServer(dataDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void register_newUser_establishesPathAndSecondHandleSharesMachine() {
        server.register("aaron", "workstation", "razel", aaronKey);

        TestSession second = server.login(aaronKey, "dotagent");

        assertThat(second.path()).isEqualTo(new SessionPath("aaron", "workstation", "dotagent"));
        assertThat(server.hub.online()).extracting(SessionPath::text)
                .containsExactly("aaron/workstation/dotagent", "aaron/workstation/razel");
    }

    @Test
    void register_takenUsernameWithOtherKey_isRefusedAndCloses() {
        server.register("aaron", "workstation", "razel", aaronKey);
        SigningKey other = SigningKey.generate();
        TestSession session = server.connect();
        byte[] nonce = hello(session, "s");

        session.send(registration("aaron", "laptop", other)).send(auth(other, nonce));

        session.nextError("unauthorized: username `aaron` is already taken");
        assertThat(session.closed()).isTrue();
    }

    @Test
    void auth_samePathTwice_supersedesTheOlderSession() {
        TestSession first = server.register("aaron", "workstation", "razel", aaronKey);

        TestSession second = server.login(aaronKey, "razel");

        first.nextError("unauthorized: session superseded by a newer connection for the same session path");
        assertThat(first.closed()).isTrue();
        assertThat(server.hub.find(second.path())).containsSame(second);
    }

    @Test
    void auth_enrolledKey_resolvesUserAndMachine() {
        server.register("aaron", "workstation", "razel", aaronKey);

        assertThat(server.login(aaronKey, "s2").path()).isEqualTo(new SessionPath("aaron", "workstation", "s2"));
    }

    @Test
    void auth_neverEnrolledKey_isUnknown() {
        SigningKey stranger = SigningKey.generate();
        TestSession session = server.connect();
        byte[] nonce = hello(session, "s");

        session.send(auth(stranger, nonce));

        session.nextError("unauthorized: unknown machine key");
        assertThat(session.closed()).isTrue();
    }

    @Test
    void auth_signatureOverOtherBytes_failsVerification() {
        server.register("aaron", "workstation", "razel", aaronKey);
        TestSession session = server.connect();
        hello(session, "s");

        session.send(auth(aaronKey, new byte[32]));

        session.nextError("unauthorized: signature verification failed");
    }

    @Test
    void machineAdd_thenNewKeyLogsInOnThatMachine_andImpostorStaysOut() {
        TestSession owner = server.register("aaron", "workstation", "razel", aaronKey);
        SigningKey laptop = SigningKey.generate();

        owner.send(new Frame.Admin(new AdminOp.MachineAdd("laptop", Bytes.of(laptop.publicKey().bytes()))));

        assertThat(owner.nextAck().detail()).contains("laptop");
        assertThat(server.login(laptop, "onthego").path()).isEqualTo(new SessionPath("aaron", "laptop", "onthego"));
        TestSession impostor = server.connect();
        byte[] nonce = hello(impostor, "x");
        impostor.send(auth(SigningKey.generate(), nonce));
        impostor.nextError("unauthorized: unknown machine key");
    }

    @Test
    void machineRemove_ownMachine_acksThenDropsAndKeyIsRevoked() {
        TestSession owner = server.register("aaron", "workstation", "razel", aaronKey);

        owner.send(new Frame.Admin(new AdminOp.MachineRemove("workstation")));

        assertThat(owner.nextAck().detail()).contains("workstation");
        owner.nextError("unauthorized: machine key revoked");
        assertThat(owner.closed()).isTrue();
        TestSession again = server.connect();
        byte[] nonce = hello(again, "razel");
        again.send(auth(aaronKey, nonce));
        again.nextError("unauthorized: unknown machine key");
    }

    @Test
    void register_badSignature_persistsNothing() {
        TestSession attacker = server.connect();
        hello(attacker, "s");
        SigningKey attackerKey = SigningKey.generate();

        attacker.send(registration("aaron", "box", attackerKey)).send(auth(attackerKey, new byte[32]));

        attacker.nextError("unauthorized: signature verification failed");
        assertThat(server.store.findUser("aaron")).isEmpty();
        server.register("aaron", "workstation", "razel", aaronKey);
        TestSession retry = server.connect();
        byte[] nonce = hello(retry, "s");
        retry.send(auth(attackerKey, nonce));
        retry.nextError("unauthorized: unknown machine key");
    }

    @Test
    void register_authWithAnotherKey_isRefusedAndPersistsNothing() {
        SigningKey other = SigningKey.generate();
        TestSession session = server.connect();
        byte[] nonce = hello(session, "s");

        session.send(registration("aaron", "box", aaronKey)).send(auth(other, nonce));

        session.nextError("unauthorized: auth key does not match the registered key");
        assertThat(server.store.findUser("aaron")).isEmpty();
    }

    @Test
    void register_pinnedAdminName_onlyWithThePinnedKey() {
        server.close();
        server = new TestServer(dataDir, "aaron=" + aaronKey.publicKey().text());
        SigningKey squatter = SigningKey.generate();
        TestSession session = server.connect();
        byte[] nonce = hello(session, "s");
        session.send(registration("aaron", "box", squatter)).send(auth(squatter, nonce));
        session.nextError("unauthorized: username `aaron` is reserved for a different key");

        TestSession admin = server.connect();
        byte[] adminNonce = hello(admin, "s");
        admin.send(registration("aaron", "box", aaronKey)).send(auth(aaronKey, adminNonce));
        admin.next(Frame.Established.class);
        assertThat(admin.next(Frame.ServerInfo.class).admin()).isTrue();
        admin.send(new Frame.ListUsers());

        assertThat(admin.next(Frame.UserList.class).users()).containsExactly("aaron");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aa/ron", "", " ", "tab\there", "0123456789012345678901234567890123456789012345678901234567890123x"})
    void register_invalidUsername_isMalformedAndPersistsNothing(String username) {
        TestSession session = server.connect();
        byte[] nonce = hello(session, "s");

        session.send(registration(username, "box", aaronKey)).send(auth(aaronKey, nonce));

        ProtocolError error = session.next(Frame.Error.class).error();
        assertThat(error).isInstanceOf(ProtocolError.MalformedFrame.class);
        assertThat(error.display()).startsWith("malformed frame: invalid username: `");
        assertThat(server.store.listUsernames()).isEmpty();
    }

    @Test
    void register_usernameOf64Characters_isAccepted() {
        String name = "a".repeat(64);

        server.register(name, "box", "s", aaronKey);

        assertThat(server.store.findUser(name)).isPresent();
    }

    @Test
    void register_invalidMachineName_isMalformed() {
        TestSession session = server.connect();
        byte[] nonce = hello(session, "s");

        session.send(registration("aaron", "a/b", aaronKey)).send(auth(aaronKey, nonce));

        session.nextError("malformed frame: invalid machine name: `a/b`");
        assertThat(server.store.listUsernames()).isEmpty();
    }

    @Test
    void hello_handleWithSlash_rejectedBeforeChallenge() {
        TestSession session = server.connect();

        session.send(new Frame.Hello(1, "s/1"));

        session.nextError("malformed frame: invalid session handle: `s/1`");
        assertThat(session.closed()).isTrue();
    }

    @Test
    void hello_handleOver64Characters_isShownCut() {
        TestSession session = server.connect();

        session.send(new Frame.Hello(1, "h".repeat(70)));

        session.nextError("malformed frame: invalid session handle: `" + "h".repeat(64) + "…`");
    }

    @Test
    void hello_version2_isVersionMismatch() {
        TestSession session = server.connect();

        session.send(new Frame.Hello(2, "s"));

        session.nextError("incompatible protocol version: ours=1, theirs=2");
        assertThat(session.closed()).isTrue();
    }

    @Test
    void handshake_wrongFrameAtEachStep_isMalformedAndCloses() {
        TestSession first = server.connect();
        first.send(new Frame.Ping());
        first.nextError("malformed frame: expected Hello");
        assertThat(first.closed()).isTrue();

        TestSession second = server.connect();
        hello(second, "s");
        second.send(new Frame.Join("lobby", Optional.empty()));
        second.nextError("malformed frame: expected Register or Auth");

        TestSession third = server.connect();
        hello(third, "s");
        third.send(registration("aaron", "box", aaronKey)).send(new Frame.Ping());
        third.nextError("malformed frame: expected Auth after Register");
        assertThat(server.store.listUsernames()).isEmpty();
    }

    @Test
    void auth_keyOf31Bytes_isMalformed() {
        TestSession session = server.connect();
        hello(session, "s");

        session.send(new Frame.Auth(Bytes.of(new byte[31]), Bytes.of(new byte[64])));

        session.nextError("malformed frame: malformed key or signature: public key must be 32 bytes");
    }

    @Test
    void auth_signatureOf63Bytes_isMalformed() {
        TestSession session = server.connect();
        byte[] nonce = hello(session, "s");

        session.send(new Frame.Auth(Bytes.of(aaronKey.publicKey().bytes()), Bytes.of(new byte[63])));

        session.nextError("malformed frame: malformed key or signature: signature must be 64 bytes");
        assertThat(nonce).hasSize(32);
    }

    @Test
    void register_keyAlreadyEnrolled_isMalformed() {
        server.register("aaron", "workstation", "razel", aaronKey);
        TestSession session = server.connect();
        byte[] nonce = hello(session, "s");

        session.send(registration("david", "box", aaronKey)).send(auth(aaronKey, nonce));

        session.nextError("malformed frame: malformed key or signature: public key is already enrolled");
        assertThat(server.store.findUser("david")).isEmpty();
    }

    @Test
    void handshake_deadlinePasses_sendsTimeoutError() {
        TestSession session = server.connect();
        hello(session, "s");

        session.handshakeTimedOut();

        session.nextError("unauthorized: handshake timed out");
        assertThat(session.closed()).isTrue();
    }

    @Test
    void malformedJson_beforeEstablished_closes_afterEstablished_staysUp() {
        TestSession early = server.connect();
        early.sendMalformed("missing field `session`");
        early.nextError("malformed frame: missing field `session`");
        assertThat(early.closed()).isTrue();

        TestSession established = server.register("aaron", "workstation", "razel", aaronKey);
        established.sendMalformed("unknown type `nope`");
        established.nextError("malformed frame: unknown type `nope`");
        assertThat(established.closed()).isFalse();
        established.send(new Frame.Ping());
        established.next(Frame.Pong.class);
    }
}
