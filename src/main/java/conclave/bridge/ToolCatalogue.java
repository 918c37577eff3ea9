package conclave.bridge;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The 23 MCP tools, their descriptions and input schemas, and which of them are offered
 * (reference/bridge.md §4.2–§4.5): 7 always; {@code send_channel} and {@code whisper} while a
 * joined channel is at least {@code converse}; the 14 admin tools while some server says this
 * user is an admin. Offering is one pure function of those two facts. Immutable.
 */
final class ToolCatalogue {
    /** One tool as {@code tools/list} shows it. */
    record Listing(String name, String description, ObjectNode inputSchema) {}

    private static final String SERVER = "server URL, optional if only one is connected";
    private static final String LEVEL = "mute, notify, converse or act";

    static final List<Listing> ALWAYS = List.of(
            tool("join_channel", "Join a conclave channel on a server and subscribe this session to its messages.",
                    new Schema().server()
                            .string("channel", "channel name", true)
                            .string("token", "invite token, for an unlisted or private channel", false)
                            .levels("perm", "autonomy level for this channel: " + LEVEL, false)),
            tool("leave_channel", "Unsubscribe from a channel but stay connected to the server.",
                    new Schema().server().string("channel", "channel name", true)),
            tool("list_channels", "List the channels visible to you on a server.", new Schema().server()),
            tool("who", "Show who is online on a server, or in one channel.",
                    new Schema().server().string("channel", "channel name; omit for the whole server", false)),
            tool("catch_up", "Read a joined channel's retained history (7 days). `since` is a duration like 2h,"
                            + " 45m or 1d; without it the read starts from the last message this session saw, or"
                            + " everything retained for a channel not seen yet. Pages are capped: if the result looks"
                            + " truncated, ask again with a tighter `since`.",
                    new Schema().server()
                            .string("channel", "channel name", true)
                            .string("since", "how far back, e.g. 2h, 45m, 1d", false)),
            tool("submit_permission", "Answer a Claude Code permission request relayed by conclave.",
                    new Schema()
                            .string("request_id", "the request_id of the relayed request", true)
                            .enumeration("decision", "allow or deny", true, "allow", "deny")),
            tool("set_perm", "Change an autonomy level live, from the next inbound message on: for a channel,"
                            + " for whispers (whisper: true), or the machine default (neither).",
                    new Schema().server()
                            .string("channel", "channel name", false)
                            .bool("whisper", "set the level of whispers to this session")
                            .levels("level", LEVEL, true)));

    static final List<Listing> EMIT = List.of(
            tool("send_channel", "Post a message to a channel (allowed only where the channel is at converse or act).",
                    new Schema().server()
                            .string("channel", "channel name", true)
                            .string("text", "the message", true)),
            tool("whisper", "Send a direct message to one session, or to a user's sessions (allowed only at converse"
                            + " or act). On servers with the inbox, a whisper to an offline target is queued and"
                            + " delivered when it connects; receipts follow.",
                    new Schema().server()
                            .string("target", "full user/machine/session path, or a username", true)
                            .string("text", "the message", true)));

    static final List<Listing> ADMIN = List.of(
            tool("create_channel", "Admin: create a channel; visibility is public (the default), unlisted or private.",
                    new Schema().server().string("name", "channel name", true).visibility(false)),
            tool("delete_channel", "Admin: delete a channel with its history, members and invites.",
                    new Schema().server().string("name", "channel name", true)),
            tool("set_visibility", "Admin: change a channel's visibility (public, unlisted or private).",
                    new Schema().server().string("name", "channel name", true).visibility(true)),
            tool("acl_add", "Admin: add a user to a channel's member list.",
                    new Schema().server().string("channel", "channel name", true).string("user", "username", true)),
            tool("acl_remove", "Admin: remove a user from a channel's member list.",
                    new Schema().server().string("channel", "channel name", true).string("user", "username", true)),
            tool("invite_create", "Admin: create an invite token for a channel.",
                    new Schema().server()
                            .string("channel", "channel name", true)
                            .integer("uses", "how many times it can be used; omit for unlimited")
                            .integer("expires_in_secs", "seconds until it expires; omit for never")),
            tool("invite_revoke", "Admin: revoke an invite token.",
                    new Schema().server().string("token", "the invite token", true)),
            tool("kick", "Admin: drop a session or every session of a user from a channel (they may rejoin).",
                    new Schema().server()
                            .string("channel", "channel name", true)
                            .string("target", "a user/machine/session path or a username", true)),
            tool("ban", "Admin: ban a user from a channel; drops their sessions and blocks rejoining.",
                    new Schema().server().string("channel", "channel name", true).string("user", "username", true)),
            tool("unban", "Admin: lift a user's ban on a channel; grants no ACL membership.",
                    new Schema().server().string("channel", "channel name", true).string("user", "username", true)),
            tool("rename_channel", "Admin: rename a channel; members, history, invites and bans follow it.",
                    new Schema().server()
                            .string("name", "current channel name", true)
                            .string("new_name", "new channel name", true)),
            tool("acl_list", "Admin: list a channel's members.",
                    new Schema().server().string("channel", "channel name", true)),
            tool("ban_list", "Admin: list the users banned from a channel.",
                    new Schema().server().string("channel", "channel name", true)),
            tool("invite_list", "Admin: list a channel's outstanding invites.",
                    new Schema().server().string("channel", "channel name", true)));

    private ToolCatalogue() {}

    /** The offered tools, in the order of reference/bridge.md §4.5. */
    static List<Listing> offered(boolean emitAllowed, boolean admin) {
        List<Listing> tools = new ArrayList<>(ALWAYS);
        if (emitAllowed) {
            tools.addAll(EMIT);
        }
        if (admin) {
            tools.addAll(ADMIN);
        }
        return tools;
    }

    /** The {@code tools/list} result for the offered tools. */
    static ObjectNode listResult(boolean emitAllowed, boolean admin) {
        ObjectNode result = McpMessages.object();
        ArrayNode tools = result.putArray("tools");
        for (Listing tool : offered(emitAllowed, admin)) {
            ObjectNode entry = tools.addObject();
            entry.put("name", tool.name());
            entry.put("description", tool.description());
            entry.set("inputSchema", tool.inputSchema().deepCopy());
        }
        return result;
    }

    private static Listing tool(String name, String description, Schema schema) {
        return new Listing(name, description, schema.node);
    }

    /** Builds one {@code {"type":"object","properties":{…},"required":[…]}} schema. */
    private static final class Schema {
        final ObjectNode node = McpMessages.object();
        final ObjectNode properties;
        final ArrayNode required;

        Schema() {
            node.put("type", "object");
            properties = node.putObject("properties");
            required = node.putArray("required");
        }

        Schema server() {
            return string("server", SERVER, false);
        }

        Schema string(String name, String description, boolean mandatory) {
            return property(name, "string", description, mandatory);
        }

        Schema bool(String name, String description) {
            return property(name, "boolean", description, false);
        }

        Schema integer(String name, String description) {
            ObjectNode property = properties.putObject(name);
            property.put("type", "integer");
            property.put("minimum", 0);
            property.put("description", description);
            return this;
        }

        Schema levels(String name, String description, boolean mandatory) {
            return enumeration(name, description, mandatory, "mute", "notify", "converse", "act");
        }

        Schema visibility(boolean mandatory) {
            return enumeration("visibility", "public, unlisted or private", mandatory, "public", "unlisted", "private");
        }

        Schema enumeration(String name, String description, boolean mandatory, String... values) {
            property(name, "string", description, mandatory);
            ArrayNode allowed = ((ObjectNode) properties.get(name)).putArray("enum");
            for (String value : values) {
                allowed.add(value);
            }
            return this;
        }

        private Schema property(String name, String type, String description, boolean mandatory) {
            ObjectNode property = properties.putObject(name);
            property.put("type", type);
            property.put("description", description);
            if (mandatory) {
                required.add(name);
            }
            return this;
        }
    }
}
