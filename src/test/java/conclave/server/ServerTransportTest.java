package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerTransportTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private ServerTransport transport;
    private HttpClient http;

    /** Echoes every binary message back, standing in for the session layer. */
    private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof BinaryWebSocketFrame) {
                ctx.writeAndFlush(frame.retainedDuplicate());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @BeforeEach
    void start() {
        transport = ServerTransport.bind(new InetSocketAddress("127.0.0.1", 0), "server-id-123", new ConnectionLimiter(ServerLimits.DEFAULT),
                Duration.ofSeconds(10), Optional.empty(), Echo::new);
        http = HttpClient.newBuilder().connectTimeout(DEADLINE).build();
    }

    @AfterEach
    void stop() {
        transport.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + transport.localAddress().getPort() + path);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .timeout(DEADLINE)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void health_get_answersOk() throws Exception {
        HttpResponse<String> response = send("GET", "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void health_head_answers200WithoutBody() throws Exception {
        HttpResponse<String> response = send("HEAD", "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void root_withoutUpgrade_answers426() throws Exception {
        assertThat(send("GET", "/").statusCode()).isEqualTo(426);
        assertThat(send("GET", "/?via=alias").statusCode()).isEqualTo(426);
    }

    @Test
    void root_nonGet_answers405() throws Exception {
        assertThat(send("POST", "/").statusCode()).isEqualTo(405);
        assertThat(send("DELETE", "/").statusCode()).isEqualTo(405);
    }

    @Test
    void otherPath_answers404() throws Exception {
        assertThat(send("GET", "/nope").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/health/x").statusCode()).isEqualTo(404);
    }

    @Test
    void upgrade_withQuery_carriesServerIdHeader() throws Exception {
        List<String> head = RawUpgrade.responseHead(transport.localAddress(), "/?via=alias");

        assertThat(head.get(0)).startsWith("http/1.1 101");
        assertThat(head).contains("x-conclave-server-id: server-id-123");
    }

    @Test
    void upgrade_offersTheInboxExtension() throws Exception {
        List<String> head = RawUpgrade.responseHead(transport.localAddress(), "/");

        assertThat(head).contains("x-conclave-features: inbox");
    }

    @Test
    void webSocket_messageWithinCap_isDelivered_andOverCap_closesConnection() throws Exception {
        CompletableFuture<ByteBuffer> echoed = new CompletableFuture<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final java.io.ByteArrayOutputStream parts = new java.io.ByteArrayOutputStream();

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                byte[] chunk = new byte[data.remaining()];
                data.get(chunk);
                parts.writeBytes(chunk);
                if (last) {
                    echoed.complete(ByteBuffer.wrap(parts.toByteArray()));
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        };
        URI ws = URI.create("ws://127.0.0.1:" + transport.localAddress().getPort() + "/");
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(DEADLINE).buildAsync(ws, listener)
                .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

        socket.sendBinary(ByteBuffer.wrap(new byte[] {0x12}), true).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(echoed.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).array()).containsExactly(0x12);

        socket.sendBinary(ByteBuffer.allocate(WebSocketUpgrade.MAX_MESSAGE_BYTES + 1), true);
        assertThat(closed.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isNotNull();
    }
}
