package conclave.ui;

import static java.util.Objects.requireNonNull;

import conclave.client.Link;
import conclave.client.LinkEvent;
import conclave.client.LinkListener;
import conclave.config.ServerRegistration;
import conclave.protocol.Frame;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's view of one server: its long-lived {@link Link} as {@code ui}, the link's state for
 * the page, and the channels the page joined, which it joins again on every fresh connection
 * (subscriptions do not survive a reconnect). Pushed messages and state changes become events.
 *
 * <p>Link events arrive on the link's event loop; the page's requests come from HTTP threads, so
 * the state the page reads is volatile and the joined set concurrent.
 */
final class ServerLink implements LinkListener {
    /** What the page shows for the link. */
    enum State {
        CONNECTING,
        CONNECTED,
        RECONNECTING,
        CLOSED
    }

    private final ServerRegistration registration;
    private final Link link;
    private final Consumer<ObjectNode> publish;
    private final InstantSource clock;
    private final Set<String> joined = ConcurrentHashMap.newKeySet();

    private volatile State state = State.CONNECTING;
    private volatile String reason = "";
    private volatile String path = "";
    private volatile boolean admin;

    ServerLink(ServerRegistration registration, Link link, Consumer<ObjectNode> publish, InstantSource clock) {
        this.registration = requireNonNull(registration, "registration");
        this.link = requireNonNull(link, "link");
        this.publish = requireNonNull(publish, "publish");
        this.clock = requireNonNull(clock, "clock");
    }

    String url() {
        return registration.url();
    }

    /** Sends a request on the link; fails at once if the link is not up (the page shows why). */
    CompletableFuture<Frame> request(Frame request) {
        return link.request(request);
    }

    /** The page joined {@code channel}: it is joined again after every reconnect. */
    void joined(String channel) {
        joined.add(channel);
    }

    /** The channel is gone for this session (left, deleted or renamed). */
    void forget(String channel) {
        joined.remove(channel);
    }

    /** The link's state as the page shows it. */
    ObjectNode status() {
        ObjectNode node = UiJson.NODES.objectNode()
                .put("type", "link")
                .put("server", registration.url())
                .put("user", registration.username())
                .put("machine", registration.machine())
                .put("state", state.name().toLowerCase(Locale.ROOT))
                .put("reason", reason)
                .put("path", path)
                .put("admin", admin);
        node.putArray("joined").addAll(joined.stream().sorted().map(UiJson.NODES::stringNode).toList());
        return node;
    }

    @Override
    public void onEvent(LinkEvent event) {
        if (event instanceof LinkEvent.Up up) {
            path = up.path().text();
            admin = up.admin();
            reason = "";
            state = State.CONNECTED;
            joined.forEach(this::rejoin);
            publish.accept(status());
        } else if (event instanceof LinkEvent.Down down) {
            changed(State.RECONNECTING, down.reason());
        } else if (event instanceof LinkEvent.DialFailing failing) {
            changed(State.RECONNECTING, failing.reason());
        } else if (event instanceof LinkEvent.Refused refused) {
            changed(State.CLOSED, refused.reason());
        } else if (event instanceof LinkEvent.AdminChanged changed) {
            admin = changed.admin();
            publish.accept(status());
        } else if (event instanceof LinkEvent.ServerError error) {
            notice(error.error().display());
        } else if (event instanceof LinkEvent.Pushed pushed) {
            pushed(pushed.frame());
        }
    }

    private void changed(State newState, String why) {
        state = newState;
        reason = why;
        publish.accept(status());
    }

    private void rejoin(String channel) {
        link.request(new Frame.Join(channel, Optional.empty())).whenComplete((reply, failure) -> {
            if (reply instanceof Frame.Error error) {
                joined.remove(channel);
                notice("could not rejoin #" + channel + ": " + error.error().display());
            }
            // A failed request means the connection went down again: the next Up rejoins.
        });
    }

    private void pushed(Frame frame) {
        if (frame instanceof Frame.ChannelMsg message) {
            ObjectNode node = UiJson.message(message.channel(), message.from(), clock.millis(), message.payload());
            publish.accept(node.put("type", "message").put("server", registration.url()));
        } else if (frame instanceof Frame.Whisper whisper) {
            ObjectNode node = UiJson.message("", whisper.from(), clock.millis(), whisper.payload());
            publish.accept(node.put("type", "whisper").put("server", registration.url())
                    .put("to", whisper.target().text()));
        }
    }

    private void notice(String text) {
        publish.accept(UiJson.NODES.objectNode()
                .put("type", "notice")
                .put("server", registration.url())
                .put("text", text));
    }
}
