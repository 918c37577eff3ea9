#!/usr/bin/env bash
# Checks `conclave bridge` with the real clients users run, in a throwaway HOME:
#   1. installs @anthropic-ai/claude-code and @modelcontextprotocol/sdk from npm into a temp dir;
#   2. starts an ephemeral `conclave serve`, makes a key and registers it there;
#   3. `claude mcp add --scope local conclave -- <launcher> bridge`, then `claude mcp list` must
#      show the server Connected (no login needed: Claude Code only spawns it and runs the MCP
#      handshake);
#   4. drives the bridge with the official MCP TypeScript SDK client: initialize, listTools and
#      two tool calls.
# Exits 0 with a SKIP line when the npm registry cannot be reached, so CI without network passes.
#
# Usage: scripts/check-claude-code.sh        (from anywhere; needs node, npm and a JDK 17+)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
launcher=$root/conclave

say() { printf 'check-claude-code: %s\n' "$*" >&2; }
fail() { say "FAIL: $*"; exit 1; }

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    say "SKIP: node/npm not installed"
    exit 0
fi
if ! timeout 30 npm view @anthropic-ai/claude-code version >/dev/null 2>&1; then
    say "SKIP: the npm registry is unreachable"
    exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/conclave-claude-check.XXXXXX")
server_pid=""
cleanup() {
    if [[ -n $server_pid ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

export HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$work/project" "$work/npm"

say "installing @anthropic-ai/claude-code and @modelcontextprotocol/sdk into $work/npm"
(cd "$work/npm" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error \
    @anthropic-ai/claude-code @modelcontextprotocol/sdk >&2) || fail "npm install failed"
claude=$work/npm/node_modules/.bin/claude
[[ -x $claude ]] || fail "no claude executable after npm install"
say "Claude Code $("$claude" --version 2>/dev/null | head -1)"

say "starting an ephemeral conclave server"
"$launcher" serve --ephemeral --bind 127.0.0.1:0 2>"$work/serve.log" &
server_pid=$!
url=""
for _ in $(seq 1 600); do
    if [[ $(cat "$work/serve.log") =~ listening\ addr=([0-9.]+):([0-9]+) ]]; then
        url="ws://${BASH_REMATCH[1]}:${BASH_REMATCH[2]}"
        break
    fi
    kill -0 "$server_pid" 2>/dev/null || fail "the server exited: $(cat "$work/serve.log")"
    sleep 0.1
done
[[ -n $url ]] || fail "the server did not start within 60 s"
"$launcher" register --server "$url" --username checker --machine box >&2 || fail "register failed"

say "claude mcp add --scope local conclave -- $launcher bridge"
cd "$work/project"
"$claude" mcp add --scope local conclave -- "$launcher" bridge >&2 || fail "claude mcp add failed"
listing=$(timeout 180 "$claude" mcp list 2>&1) || fail "claude mcp list failed: $listing"
printf '%s\n' "$listing" >&2
grep -E '^conclave:.*Connected' <<<"$listing" >/dev/null || fail "claude mcp list does not show conclave Connected"
say "PASS: claude mcp list shows conclave Connected"

cat >"$work/npm/drive.mjs" <<'JS'
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [launcher] = process.argv.slice(2);
const transport = new StdioClientTransport({ command: launcher, args: ["bridge"], env: { ...process.env }, stderr: "inherit" });
const client = new Client({ name: "conclave-check", version: "1.0.0" });
await client.connect(transport);
const info = client.getServerVersion();
const caps = client.getServerCapabilities();
if (info?.name !== "conclave") throw new Error(`serverInfo.name is ${info?.name}`);
if (!caps?.experimental?.["claude/channel"]) throw new Error("no claude/channel capability");
if (!caps?.tools?.listChanged) throw new Error("tools.listChanged is not declared");
const { tools } = await client.listTools();
const names = tools.map((tool) => tool.name);
for (const name of ["join_channel", "who", "catch_up", "set_perm", "submit_permission"]) {
  if (!names.includes(name)) throw new Error(`tools/list lacks ${name}: ${names}`);
}
const perm = await client.callTool({ name: "set_perm", arguments: { level: "notify" } });
if (perm.isError || perm.content[0].text !== "permission updated") throw new Error(`set_perm: ${JSON.stringify(perm)}`);
const who = await client.callTool({ name: "who", arguments: {} });
if (who.isError || !who.content[0].text.startsWith("server-wide:")) throw new Error(`who: ${JSON.stringify(who)}`);
console.log(`${info.name} ${info.version}: ${names.length} tools; set_perm -> ${perm.content[0].text}; who -> ${who.content[0].text}`);
await client.close();
JS
say "driving the bridge with the MCP TypeScript SDK client"
(cd "$work/npm" && timeout 180 node drive.mjs "$launcher") >&2 || fail "the MCP SDK client run failed"
say "PASS: the MCP TypeScript SDK client initialized, listed tools and called set_perm and who"
