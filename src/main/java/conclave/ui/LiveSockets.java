package conclave.ui;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.GlobalEventExecutor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The browsers' live sockets: every console event goes to each open one as a JSON text frame.
 * A closed socket leaves the group by itself. Thread-safe.
 */
final class LiveSockets {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChannelGroup sockets = new DefaultChannelGroup("conclave-ui-live", GlobalEventExecutor.INSTANCE);

    /** Adds an upgraded socket and sends it {@code first} before any later event. */
    void add(Channel socket, JsonNode first) {
        socket.writeAndFlush(frame(first));
        sockets.add(socket);
    }

    void publish(JsonNode event) {
        sockets.writeAndFlush(frame(event));
    }

    int size() {
        return sockets.size();
    }

    void close() {
        sockets.close().awaitUninterruptibly();
    }

    private static TextWebSocketFrame frame(JsonNode event) {
        return new TextWebSocketFrame(JSON.writeValueAsString(event));
    }
}
