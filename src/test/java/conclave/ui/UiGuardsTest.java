package conclave.ui;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.client.ClientTransport;
import conclave.config.ServerRegistration;
import conclave.identity.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's guards over real HTTP on an ephemeral loopback port: the token (401), the
 * {@code Host} (421), the {@code Origin} of state changes and of the live socket (403), the cookie
 * the token turns into, and the security headers. The console's one server registration points at
 * a port nobody listens on: the guards act before any link is needed.
 */
class UiGuardsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SERVER = "ws://127.0.0.1:9/";

    private static ClientTransport transport;
    private static UiConsole console;
    private static UiServer server;
    private static HttpClient http;
    private static String token;
    private static String base;

    @BeforeAll
    static void start() {
        transport = ClientTransport.start();
        console = UiConsole.of(transport, SigningKey.generate(), List.of(new ServerRegistration(SERVER, "aaron", "laptop")));
        server = UiServer.start(0, console);
        console.connect();
        http = HttpClient.newBuilder().connectTimeout(WAIT).followRedirects(HttpClient.Redirect.NEVER).build();
        token = server.url().substring(server.url().indexOf("token=") + "token=".length());
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
        console.close();
        transport.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    private static HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static String cookie() {
        return UiGuard.COOKIE + "=" + token;
    }

    @Test
    void url_isLoopbackWithALongRandomToken() {
        assertThat(server.url()).startsWith("http://127.0.0.1:" + server.port() + "/?token=");
        assertThat(token).matches("[A-Za-z0-9_-]{32}"); // 24 random bytes: 192 bits
    }

    @Test
    void page_withoutToken_is401() throws Exception {
        HttpResponse<String> response = send(get("/"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("access token");
    }

    @Test
    void page_withWrongCookie_is401() throws Exception {
        HttpResponse<String> response = send(get("/").header("Cookie", UiGuard.COOKIE + "=" + token.substring(1) + "x"));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void page_withWrongQueryToken_is401_andSetsNoCookie() throws Exception {
        HttpResponse<String> response = send(get("/?token=" + token.substring(1) + "x"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void api_withoutToken_is401() throws Exception {
        HttpResponse<String> response = send(post("/api/channels", "{\"server\":\"" + SERVER + "\"}")
                .header("Origin", base));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void rightQueryToken_setsAStrictHttpOnlyCookie_andRedirectsToTheBarePath() throws Exception {
        HttpResponse<String> response = send(get("/?token=" + token));

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).contains("/");
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(cookie() + ";").containsIgnoringCase("HttpOnly").contains("SameSite=Strict");
    }

    @Test
    void page_withCookie_isServedWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> response = send(get("/").header("Cookie", cookie()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<script type=\"module\" src=\"/app.js\"></script>");
        String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "object-src 'none'",
                "frame-ancestors 'none'", "base-uri 'none'");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void page_hasNoInlineScriptOrStyle() throws Exception {
        String page = send(get("/").header("Cookie", cookie())).body();

        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(page).doesNotContainPattern("\\son[a-z]+=");
        assertThat(page).doesNotContain("style=", "<style");
    }

    @Test
    void foreignHost_is421_evenWithTheToken() throws Exception {
        String response = raw("GET / HTTP/1.1\r\nHost: attacker.example:" + server.port() + "\r\nCookie: " + cookie()
                + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 421 ");
    }

    @Test
    void rightHostOnAnotherPort_is421() throws Exception {
        String response = raw("GET / HTTP/1.1\r\nHost: localhost:1\r\nCookie: " + cookie() + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 421 ");
    }

    @Test
    void localhostHost_isAccepted() throws Exception {
        String response = raw("GET / HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\nCookie: " + cookie()
                + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void stateChange_fromForeignOrigin_is403() throws Exception {
        HttpResponse<String> response = send(post("/api/send",
                "{\"server\":\"" + SERVER + "\",\"channel\":\"lobby\",\"body\":\"hi\"}")
                .header("Cookie", cookie())
                .header("Origin", "http://attacker.example"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Origin must be");
    }

    @Test
    void stateChange_withoutOrigin_is403() throws Exception {
        HttpResponse<String> response = send(post("/api/send",
                "{\"server\":\"" + SERVER + "\",\"channel\":\"lobby\",\"body\":\"hi\"}")
                .header("Cookie", cookie()));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void stateChange_fromOwnOrigin_passesTheGuards_andReportsTheDownLink() throws Exception {
        HttpResponse<String> response = send(post("/api/send",
                "{\"server\":\"" + SERVER + "\",\"channel\":\"lobby\",\"body\":\"hi\"}")
                .header("Cookie", cookie())
                .header("Origin", base));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"ok\":false").contains(SERVER);
    }

    @Test
    void badInput_is400_namingTheField() throws Exception {
        HttpResponse<String> response = send(post("/api/send",
                "{\"server\":\"" + SERVER + "\",\"channel\":\"a/b\",\"body\":\"hi\"}")
                .header("Cookie", cookie())
                .header("Origin", base));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("`channel`");
    }

    @Test
    void unregisteredServer_is400() throws Exception {
        HttpResponse<String> response = send(post("/api/channels", "{\"server\":\"ws://elsewhere.example/\"}")
                .header("Cookie", cookie())
                .header("Origin", base));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not a registered server");
    }

    @Test
    void liveSocket_fromForeignOrigin_is403() {
        assertThat(upgradeStatus(cookie(), "http://attacker.example")).isEqualTo(403);
    }

    @Test
    void liveSocket_withoutToken_is401() {
        assertThat(upgradeStatus(UiGuard.COOKIE + "=nope", base)).isEqualTo(401);
    }

    @Test
    void liveSocket_fromOwnOrigin_opens_andSaysHello() throws Exception {
        StringBuilder received = new StringBuilder();
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder()
                .header("Cookie", cookie())
                .header("Origin", base)
                .connectTimeout(WAIT)
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/live"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        received.append(data);
                        if (last) {
                            first.complete(received.toString());
                        }
                        ws.request(1);
                        return null;
                    }
                })
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        try {
            String hello = first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(hello).contains("\"type\":\"hello\"").contains(SERVER).contains("\"user\":\"aaron\"");
        } finally {
            socket.abort();
        }
    }

    /** The status that refused the live socket upgrade, or 101 if it opened. */
    private static int upgradeStatus(String cookie, String origin) {
        try {
            WebSocket socket = http.newWebSocketBuilder()
                    .header("Cookie", cookie)
                    .header("Origin", origin)
                    .connectTimeout(WAIT)
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/live"), new WebSocket.Listener() {})
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            socket.abort();
            return 101;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
            assertThat(cause).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) cause).getResponse().statusCode();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the upgrade did not finish", e);
        }
    }

    /** One raw HTTP/1.1 exchange: the JDK client will not send a Host header of the test's choosing. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), US_ASCII);
        }
    }
}
