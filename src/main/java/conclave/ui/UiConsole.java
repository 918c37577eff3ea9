package conclave.ui;

import conclave.client.ClientTransport;
import conclave.client.Link;
import conclave.client.LinkOptions;
import conclave.client.ServerUrl;
import conclave.config.ServerRegistration;
import conclave.identity.SigningKey;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's client side: one {@link ServerLink} per registered server, all as the session
 * handle {@value #HANDLE}, and the live sockets their events go to. Close it to close every link.
 */
public final class UiConsole implements AutoCloseable {
    /** The session handle of the console's links. */
    public static final String HANDLE = "ui";

    private final Map<String, ServerLink> servers;
    private final List<Link> links;
    private final LiveSockets live;

    private UiConsole(Map<String, ServerLink> servers, List<Link> links, LiveSockets live) {
        this.servers = servers;
        this.links = links;
        this.live = live;
    }

    /** Opens a link to every registration, in file order; each starts dialling at once. */
    public static UiConsole open(ClientTransport transport, SigningKey key, List<ServerRegistration> registrations) {
        LiveSockets live = new LiveSockets();
        InstantSource clock = InstantSource.system();
        Map<String, ServerLink> servers = new LinkedHashMap<>();
        List<Link> links = new ArrayList<>();
        for (ServerRegistration registration : registrations) {
            LinkOptions options = LinkOptions.of(ServerUrl.parse(registration.url()), key, () -> HANDLE);
            ServerLink[] made = new ServerLink[1];
            links.add(Link.openWith(transport, options, link -> {
                made[0] = new ServerLink(registration, link, live::publish, clock);
                return made[0];
            }));
            servers.put(registration.url(), made[0]);
        }
        return new UiConsole(Collections.unmodifiableMap(servers), List.copyOf(links), live);
    }

    Optional<ServerLink> server(String url) {
        return Optional.ofNullable(servers.get(url));
    }

    LiveSockets live() {
        return live;
    }

    /** What a freshly opened page gets first: every server and its link state, in registration order. */
    ObjectNode hello() {
        ObjectNode node = UiJson.NODES.objectNode().put("type", "hello");
        ArrayNode list = node.putArray("servers");
        servers.values().forEach(server -> list.add(server.status()));
        return node;
    }

    @Override
    public void close() {
        links.forEach(Link::close);
        live.close();
    }
}
