package conclave.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import conclave.identity.SigningKey;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss://} against a scripted server whose certificate, made by the JDK's keytool, names
 * only {@code localhost}: the JDK trust store refuses it, a client that trusts it connects with
 * SNI, and host-name verification refuses it under another name.
 */
class TlsDialTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private static ScriptedServer scripted;
    private static SslContext trusting;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        X509Certificate certificate = (X509Certificate) keys.getCertificate("server");
        PrivateKey privateKey = (PrivateKey) keys.getKey("server", PASSWORD);
        scripted = ScriptedServer.startTls(SslContextBuilder.forServer(privateKey, certificate).build());
        trusting = SslContextBuilder.forClient()
                .trustManager(certificate)
                .endpointIdentificationAlgorithm("HTTPS")
                .build();
    }

    @AfterAll
    static void stop() {
        scripted.close();
    }

    private static ControlOptions options(String host) {
        return ControlOptions.of(ServerUrl.parse("wss://" + host + ":" + scripted.port() + "/"), SigningKey.generate());
    }

    @Test
    void login_certificateUnknownToTheJdkTrustStore_isRefused() {
        ControlOptions options = options("localhost");

        assertThatThrownBy(() -> ControlSession.login(options))
                .isInstanceOf(DialException.class)
                .hasMessageStartingWith("failed to connect to `" + options.url() + "`: TLS handshake failed: ")
                .hasMessageContaining("PKIX path building failed");
    }

    @Test
    void login_trustedCertificate_upgradesWithSniAndReadsTheServerId() {
        try (ClientTransport transport = ClientTransport.start(1, trusting);
                ControlSession session = ControlSession.open(
                        transport, options("localhost"), Handshake.login(SigningKey.generate(), "tls"))) {
            assertThat(session.serverId()).contains(ScriptedServer.SERVER_ID);
            assertThat(session.path().session()).isEqualTo("tls");
            assertThat(scripted.lastServerNames).isEqualTo(List.of("localhost"));
        }
    }

    @Test
    void login_trustedCertificateReachedUnderAnotherName_failsHostNameVerification() {
        ControlOptions options = options("127.0.0.1");

        try (ClientTransport transport = ClientTransport.start(1, trusting)) {
            assertThatThrownBy(() -> ControlSession.open(transport, options, Handshake.login(options.key(), "tls")))
                    .isInstanceOf(DialException.class)
                    .hasMessageStartingWith("failed to connect to `" + options.url() + "`: TLS handshake failed: ")
                    .hasMessageContaining("127.0.0.1");
        }
    }
}
