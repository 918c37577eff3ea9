/**
 * The MCP bridge that Claude Code starts per session: a JSON-RPC 2.0 stdio peer, the tool
 * catalogue and its gating, the autonomy policy, the framing of inbound messages as untrusted
 * data, and one {@link conclave.client.Link} per registered server.
 *
 * <p>Depends on client, protocol, identity and config. Read first: {@link conclave.bridge.BridgeDispatcher}
 * (the I/O-free state machine that reference/bridge.md §9 is tested against), {@link conclave.bridge.Bridge}
 * (the runtime that wires it to stdin, stdout and the links), {@link conclave.bridge.ToolCatalogue} (the
 * tools' schemas and gating) and {@link conclave.bridge.ToolRegistry} (one {@link conclave.bridge.Tool}
 * class per tool).
 *
 * <p>Threading: the dispatcher is confined to one thread; stdin is read on its own thread and links
 * report from their event loops, and both only hand events to the dispatcher's thread. stdout
 * carries MCP alone; logs go to stderr and never hold message bodies.
 */
package conclave.bridge;
