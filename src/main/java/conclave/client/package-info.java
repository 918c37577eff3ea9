/**
 * The client link: dial {@code ws://} or {@code wss://}, run the Ed25519 handshake, keep the link
 * alive, reconnect with backoff and correlate requests with replies in FIFO order.
 *
 * <p>Depends on protocol, identity and config; shared by the CLI and the bridge. Never imports
 * server, bridge or cli.
 */
package conclave.client;
