package conclave.client;

/**
 * Receives a {@link Link}'s events. Called on the link's event loop, one event at a time and in
 * order, so it must return quickly and never block: hand work to another thread. It may call
 * {@link Link#request} (the request is then queued behind everything already sent). An exception
 * it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface LinkListener {
    void onEvent(LinkEvent event);
}
