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

    private final ClientTransport transport;
    private final SigningKey key;
    private final List<ServerRegistration> registrations;
    private final LiveSockets live = new LiveSockets();
    private final InstantSource clock = InstantSource.system();
    /** Filled once by {@link #connect()}; read by request threads after that. */
    private volatile Map<String, ServerLink> servers = Map.of();
    private final List<Link> links = new ArrayList<>();

    private UiConsole(ClientTransport transport, SigningKey key, List<ServerRegistration> registrations) {
        this.transport = transport;
        this.key = key;
        this.registrations = List.copyOf(registrations);
    }

    /** A console for these registrations, in file order; nothing is dialled until {@link #connect()}. */
    public static UiConsole of(ClientTransport transport, SigningKey key, List<ServerRegistration> registrations) {
        return new UiConsole(transport, key, registrations);
    }

    /** Opens a link to every registration; each starts dialling at once. Call once. */
    public synchronized void connect() {
        if (!links.isEmpty()) {
            throw new IllegalStateException("already connected");
        }
        Map<String, ServerLink> opened = new LinkedHashMap<>();
        for (ServerRegistration registration : registrations) {
            LinkOptions options = LinkOptions.of(ServerUrl.parse(registration.url()), key, () -> HANDLE);
            ServerLink[] made = new ServerLink[1];
            links.add(Link.openWith(transport, options, link -> {
                made[0] = new ServerLink(registration, link, live::publish, clock);
                return made[0];
            }));
            opened.put(registration.url(), made[0]);
        }
        servers = Collections.unmodifiableMap(opened);
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
    public synchronized void close() {
        links.forEach(Link::close);
        live.close();
    }
}
