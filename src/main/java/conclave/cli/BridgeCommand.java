package conclave.cli;

import picocli.CommandLine.Command;

/** {@code conclave bridge}: the MCP stdio bridge that Claude Code launches, one per session. */
@Command(name = "bridge", description = "Run the MCP bridge for one Claude Code session (MCP on stdio, WebSocket links to your servers).")
final class BridgeCommand extends UnbuiltCommand {}
