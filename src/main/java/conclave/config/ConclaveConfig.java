package conclave.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything in config.toml: the machine's default permission level, its registrations on servers
 * (each with its optional permission approver), the permission overrides per server and scope,
 * the sessions and users that count as human, and the bridge's loop guard. Immutable; each {@code with…} method returns
 * a changed copy, so a caller edits by {@code ConfigFile.update(config -> config.with…(…))}.
 *
 * <p>A server appears at most once (its URL is its key) and so does each (server, scope) override.
 * Overrides may name servers that are not registered; such an override simply has no effect until
 * the server is registered.
 *
 * @param defaultPermission the level of every scope without an override ({@code notify} unless set)
 * @param servers registrations in file order
 * @param overrides overrides in file order
 * @param humans usernames and {@code user/machine/session} paths whose messages count as a
 *     human's for the loop guard, besides {@code cli-*} and {@code ui} sessions
 * @param loopGuard the loop guard's limits
 */
public record ConclaveConfig(
        PermissionLevel defaultPermission, List<ServerRegistration> servers, List<PermissionOverride> overrides,
        List<String> humans, LoopGuardSettings loopGuard) {

    /** @throws ConfigValueException for a missing default or a server or override that appears twice */
    public ConclaveConfig {
        ValueRules.required("default_permission", defaultPermission);
        servers = List.copyOf(servers);
        overrides = List.copyOf(overrides);
        humans = List.copyOf(humans);
        for (int i = 0; i < humans.size(); i++) {
            try {
                ValueRules.human("humans", humans.get(i));
            } catch (ConfigValueException broken) {
                throw new ConfigValueException(List.of("humans", i), broken.getMessage());
            }
        }
        ValueRules.required("loop_guard", loopGuard);
        Set<String> urls = new HashSet<>();
        for (int i = 0; i < servers.size(); i++) {
            if (!urls.add(servers.get(i).url())) {
                throw new ConfigValueException(
                        List.of("servers", i, "url"),
                        "[[servers]] url " + ValueRules.quote(servers.get(i).url())
                                + " is registered twice; keep one [[servers]] table per URL");
            }
        }
        Set<List<Object>> scopes = new HashSet<>();
        for (int i = 0; i < overrides.size(); i++) {
            PermissionOverride override = overrides.get(i);
            if (!scopes.add(List.of(override.server(), override.scope()))) {
                throw new ConfigValueException(
                        List.of("overrides", i),
                        "[[overrides]] for server " + ValueRules.quote(override.server()) + " and "
                                + describe(override.scope()) + " appears twice; keep one");
            }
        }
    }

    /** A configuration with no humans listed and the default loop guard. */
    public ConclaveConfig(
            PermissionLevel defaultPermission, List<ServerRegistration> servers, List<PermissionOverride> overrides) {
        this(defaultPermission, servers, overrides, List.of(), LoopGuardSettings.DEFAULT);
    }

    /** No registrations, no overrides, everything at {@code notify}: what a missing file means. */
    public static ConclaveConfig defaults() {
        return new ConclaveConfig(PermissionLevel.DEFAULT, List.of(), List.of());
    }

    /** The registration whose URL is exactly {@code url}. */
    public Optional<ServerRegistration> server(String url) {
        return servers.stream().filter(server -> server.url().equals(url)).findFirst();
    }

    /** A copy where {@code registration} replaces any registration with the same URL, at the end of the list. */
    public ConclaveConfig withServer(ServerRegistration registration) {
        List<ServerRegistration> changed = without(servers, server -> server.url().equals(registration.url()));
        changed.add(registration);
        return new ConclaveConfig(defaultPermission, changed, overrides, humans, loopGuard);
    }

    /**
     * A copy without the registration for {@code url} and without every override for that server
     * (what {@code conclave server remove} does); unchanged if there is neither.
     */
    public ConclaveConfig withoutServer(String url) {
        return new ConclaveConfig(
                defaultPermission,
                without(servers, server -> server.url().equals(url)),
                without(overrides, override -> override.server().equals(url)),
                humans,
                loopGuard);
    }

    /**
     * A copy where the registration for {@code url} has {@code approver} (none if empty), in place.
     *
     * @throws IllegalArgumentException if {@code url} is not registered
     */
    public ConclaveConfig withApprover(String url, Optional<String> approver) {
        if (server(url).isEmpty()) {
            throw new IllegalArgumentException("no registration for `" + url + "`");
        }
        List<ServerRegistration> changed = servers.stream()
                .map(server -> server.url().equals(url) ? server.withApprover(approver) : server)
                .toList();
        return new ConclaveConfig(defaultPermission, changed, overrides, humans, loopGuard);
    }

    /** A copy with {@code humans} as the list of humans. */
    public ConclaveConfig withHumans(List<String> newHumans) {
        return new ConclaveConfig(defaultPermission, servers, overrides, newHumans, loopGuard);
    }

    /** A copy with other loop guard limits. */
    public ConclaveConfig withLoopGuard(LoopGuardSettings settings) {
        return new ConclaveConfig(defaultPermission, servers, overrides, humans, settings);
    }

    /** The overrides for {@code server}, in file order. */
    public List<PermissionOverride> overridesFor(String server) {
        return overrides.stream().filter(override -> override.server().equals(server)).toList();
    }

    /** A copy with another default level. */
    public ConclaveConfig withDefaultPermission(PermissionLevel level) {
        return new ConclaveConfig(level, servers, overrides, humans, loopGuard);
    }

    /**
     * A copy where {@code override} replaces any override for the same server and scope; like the
     * original conclave, the new one goes to the end of the list.
     */
    public ConclaveConfig withOverride(PermissionOverride override) {
        List<PermissionOverride> changed =
                without(overrides, existing -> existing.appliesTo(override.server(), override.scope()));
        changed.add(override);
        return new ConclaveConfig(defaultPermission, servers, changed, humans, loopGuard);
    }

    /** A copy without the override for {@code scope} on {@code server}; unchanged if there is none. */
    public ConclaveConfig withoutOverride(String server, PermissionScope scope) {
        return new ConclaveConfig(defaultPermission, servers,
                without(overrides, override -> override.appliesTo(server, scope)), humans, loopGuard);
    }

    /** The override for {@code scope} on {@code server}, if there is one. */
    public Optional<PermissionOverride> override(String server, PermissionScope scope) {
        return overrides.stream().filter(override -> override.appliesTo(server, scope)).findFirst();
    }

    /** The level in force for {@code scope} on {@code server}: its override, else the default. */
    public PermissionLevel level(String server, PermissionScope scope) {
        return override(server, scope).map(PermissionOverride::level).orElse(defaultPermission);
    }

    /** The level in force for a channel on {@code server}. */
    public PermissionLevel channelLevel(String server, String channel) {
        return level(server, PermissionScope.channel(channel));
    }

    /** The level in force for whispers to this session on {@code server}. */
    public PermissionLevel whisperLevel(String server) {
        return level(server, PermissionScope.whisper());
    }

    private static <T> List<T> without(List<T> items, Predicate<T> unwanted) {
        List<T> kept = new ArrayList<>(items);
        kept.removeIf(unwanted);
        return kept;
    }

    private static String describe(PermissionScope scope) {
        return scope instanceof PermissionScope.Channel channel
                ? "channel " + ValueRules.quote(channel.name())
                : "the whisper scope (no channel key)";
    }
}
