package conclave.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The config.toml format: reading a document into a {@link ConclaveConfig} and writing one back.
 * Unknown keys are ignored on reading (and so are not written back). Stateless and thread-safe.
 */
final class ConfigToml {
    private static final String DEFAULT_PERMISSION = "default_permission";
    private static final String SERVERS = "servers";
    private static final String OVERRIDES = "overrides";
    private static final String HUMANS = "humans";
    private static final String LOOP_GUARD = "loop_guard";
    private static final String LEVELS = "mute, notify, converse, act";

    private ConfigToml() {}

    /**
     * The configuration a document describes.
     *
     * @throws JacksonException if the text is not TOML
     * @throws ConfigValueException if a value breaks its rule; its path locates the value
     */
    static ConclaveConfig read(String text) {
        JsonNode root = TomlTree.read(text);
        PermissionLevel defaultPermission = root.has(DEFAULT_PERMISSION)
                ? level(DEFAULT_PERMISSION, root.get(DEFAULT_PERMISSION))
                : PermissionLevel.DEFAULT;
        List<ServerRegistration> servers = new ArrayList<>();
        List<JsonNode> serverTables = tables(root, SERVERS);
        for (int i = 0; i < serverTables.size(); i++) {
            JsonNode table = serverTables.get(i);
            servers.add(inTable(SERVERS, i, () -> new ServerRegistration(string(table, "url"),
                    string(table, "username"), string(table, "machine"), Optional.ofNullable(string(table, "approver")))));
        }
        List<PermissionOverride> overrides = new ArrayList<>();
        List<JsonNode> overrideTables = tables(root, OVERRIDES);
        for (int i = 0; i < overrideTables.size(); i++) {
            JsonNode table = overrideTables.get(i);
            overrides.add(inTable(OVERRIDES, i, () -> override(table)));
        }
        return new ConclaveConfig(defaultPermission, servers, overrides, humans(root), loopGuard(root));
    }

    /** The document for {@code config}: the default, then one table per server and per override. */
    static String render(ConclaveConfig config) {
        StringBuilder out = new StringBuilder();
        keyValue(out, DEFAULT_PERMISSION, config.defaultPermission().text());
        if (!config.humans().isEmpty()) {
            out.append(HUMANS).append(" = [");
            for (int i = 0; i < config.humans().size(); i++) {
                out.append(i == 0 ? "" : ", ").append(TomlText.basicString(config.humans().get(i)));
            }
            out.append("]\n");
        }
        for (ServerRegistration server : config.servers()) {
            out.append("\n[[").append(SERVERS).append("]]\n");
            keyValue(out, "url", server.url());
            keyValue(out, "username", server.username());
            keyValue(out, "machine", server.machine());
            server.approver().ifPresent(approver -> keyValue(out, "approver", approver));
        }
        for (PermissionOverride override : config.overrides()) {
            out.append("\n[[").append(OVERRIDES).append("]]\n");
            keyValue(out, "server", override.server());
            if (override.scope() instanceof PermissionScope.Channel channel) {
                keyValue(out, "channel", channel.name());
            }
            keyValue(out, "level", override.level().text());
        }
        LoopGuardSettings guard = config.loopGuard();
        if (!guard.equals(LoopGuardSettings.DEFAULT)) {
            out.append("\n[").append(LOOP_GUARD).append("]\n");
            out.append("max_messages = ").append(guard.maxMessages()).append('\n');
            out.append("window_secs = ").append(guard.windowSecs()).append('\n');
            out.append("reply_secs = ").append(guard.replySecs()).append('\n');
        }
        return out.toString();
    }

    /** The {@code humans} array of strings; none if absent. */
    private static List<String> humans(JsonNode root) {
        JsonNode node = root.get(HUMANS);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ConfigValueException(HUMANS, HUMANS + " must be an array of strings, got " + describe(node));
        }
        List<String> humans = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isString()) {
                throw new ConfigValueException(List.of(HUMANS, i),
                        HUMANS + " must be an array of strings, got " + describe(node.get(i)) + " in it");
            }
            humans.add(node.get(i).asString());
        }
        return humans;
    }

    /** The {@code [loop_guard]} table; each absent key keeps its default. */
    private static LoopGuardSettings loopGuard(JsonNode root) {
        JsonNode table = root.get(LOOP_GUARD);
        if (table == null) {
            return LoopGuardSettings.DEFAULT;
        }
        if (!table.isObject()) {
            throw new ConfigValueException(LOOP_GUARD, LOOP_GUARD + " must be a table ([" + LOOP_GUARD + "]), got "
                    + describe(table));
        }
        LoopGuardSettings defaults = LoopGuardSettings.DEFAULT;
        try {
            return new LoopGuardSettings(
                    (int) integer(table, "max_messages", defaults.maxMessages(), 0, LoopGuardSettings.MAX_MESSAGES),
                    integer(table, "window_secs", defaults.windowSecs(), 1, LoopGuardSettings.MAX_WINDOW_SECS),
                    integer(table, "reply_secs", defaults.replySecs(), 1, LoopGuardSettings.MAX_REPLY_SECS));
        } catch (ConfigValueException broken) {
            List<Object> path = new ArrayList<>(List.of(LOOP_GUARD));
            path.addAll(broken.path());
            throw new ConfigValueException(path, "[" + LOOP_GUARD + "] " + broken.getMessage());
        }
    }

    /** The integer from {@code min} to {@code max} under {@code key}, or {@code fallback} if absent. */
    private static long integer(JsonNode table, String key, long fallback, long min, long max) {
        JsonNode node = table.get(key);
        if (node == null) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new ConfigValueException(key, key + " must be an integer, got " + describe(node));
        }
        return ValueRules.range(key, node.longValue(), min, max);
    }

    private static PermissionOverride override(JsonNode table) {
        String channel = string(table, "channel");
        PermissionScope scope = channel == null ? PermissionScope.whisper() : PermissionScope.channel(channel);
        JsonNode level = table.get("level");
        return new PermissionOverride(string(table, "server"), scope, level == null ? null : level("level", level));
    }

    private static PermissionLevel level(String key, JsonNode node) {
        return PermissionLevel.fromText(node.isString() ? node.asString() : null)
                .orElseThrow(() -> new ConfigValueException(key, key + " must be one of " + LEVELS + ", got " + describe(node)));
    }

    /** The string under {@code key}, or null if the key is absent. */
    private static String string(JsonNode table, String key) {
        JsonNode node = table.get(key);
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            throw new ConfigValueException(key, key + " must be a string, got " + describe(node));
        }
        return node.asString();
    }

    /** The tables of the array of tables {@code key}; none if the key is absent. */
    private static List<JsonNode> tables(JsonNode root, String key) {
        JsonNode node = root.get(key);
        if (node == null) {
            return List.of();
        }
        String rule = key + " must be an array of tables ([[" + key + "]])";
        if (!node.isArray()) {
            throw new ConfigValueException(key, rule + ", got " + describe(node));
        }
        List<JsonNode> tables = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isObject()) {
                throw new ConfigValueException(List.of(key, i), rule + ", got " + describe(node.get(i)) + " in it");
            }
            tables.add(node.get(i));
        }
        return tables;
    }

    /** Runs {@code build} for entry {@code index} of an array of tables, placing any rule it breaks there. */
    private static <T> T inTable(String key, int index, Supplier<T> build) {
        try {
            return build.get();
        } catch (ConfigValueException broken) {
            List<Object> path = new ArrayList<>(List.of(key, index));
            path.addAll(broken.path());
            throw new ConfigValueException(path, "[[" + key + "]] " + broken.getMessage());
        }
    }

    /** A TOML value as a message shows it. */
    private static String describe(JsonNode node) {
        if (node.isString()) {
            return ValueRules.quote(node.asString());
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "a table";
        }
        return node.toString();
    }

    private static void keyValue(StringBuilder out, String key, String value) {
        out.append(key).append(" = ").append(TomlText.basicString(value)).append('\n');
    }
}
