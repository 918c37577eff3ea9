/**
 * The client side of the wire: dial {@code ws://} or {@code wss://}, run the Ed25519 handshake,
 * then either make a short exchange ({@link conclave.client.ControlSession}, for the CLI's
 * control verbs) or hold a long-lived {@link conclave.client.Link} that keeps itself alive,
 * re-dials with {@link conclave.client.LinkBackoff} and correlates requests with replies in FIFO
 * order (for the bridge and {@code tail}).
 *
 * <p>Depends on protocol, identity and config; shared by the CLI and the bridge. Never imports
 * server, bridge or cli.
 *
 * <p>Threading: every connection, and every link with its timers and listener, is confined to
 * one Netty event loop of a {@link conclave.client.ClientTransport}; public methods that may be
 * called from any thread hop onto it, and nothing here blocks an event loop (host names are
 * resolved on a separate small pool). {@code ControlSession}'s calls block their caller. Every
 * failure a caller must handle is one {@link conclave.client.ClientException} whose message is
 * the line to show.
 *
 * <p>Read first: {@code Link} (its Javadoc is the design note: states, correlation, keepalive,
 * re-dials), {@code PendingReplies} (the order-based correlation, without I/O) and
 * {@code ControlSession}. The pure parts, {@code LinkBackoff}, {@code PendingReplies},
 * {@code DialFailures} and {@code Handshake}, do no I/O and read no clock.
 */
package conclave.client;
