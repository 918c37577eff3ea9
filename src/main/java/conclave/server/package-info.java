/**
 * The central server: Netty HTTP/WebSocket transport, the I/O-free session state machine and the
 * hub that owns presence, subscriptions and fan-out; with {@code --cluster}, the {@link
 * conclave.server.BusCluster} that makes several instances one conclave over a bus from
 * {@code conclave.server.cluster}.
 *
 * <p>Depends on protocol, identity and store only; never on client, bridge or cli. A session's
 * events run on its channel's event loop; store calls run on a bounded executor and hop back.
 */
package conclave.server;
