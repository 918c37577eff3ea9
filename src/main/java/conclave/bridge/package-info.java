/**
 * The MCP bridge: a JSON-RPC 2.0 stdio peer for Claude Code, the tool catalogue and its gating,
 * the autonomy policy and the framing of inbound messages as untrusted data.
 *
 * <p>Depends on client, protocol, identity and config. The dispatcher is I/O-free; only the stdio
 * loop touches streams, and stdout carries MCP alone.
 */
package conclave.bridge;
