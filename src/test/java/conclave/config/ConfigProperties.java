package conclave.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import conclave.protocol.NameKind;
import conclave.protocol.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/** Properties of config.toml: every model survives a write and a read; errors point at their line. */
class ConfigProperties {
    private final Path dir;

    ConfigProperties() {
        try {
            dir = Files.createTempDirectory("config-properties");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterProperty
    void removeDirectory() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Property(tries = 300)
    void anyConfig_savedThenLoaded_isEqual(@ForAll("configs") ConclaveConfig config) {
        ConfigFile file = ConfigFile.in(dir);

        file.save(config);

        assertThat(file.load()).isEqualTo(config);
    }

    @Property(tries = 100)
    void anyConfig_withOneLevelMisspelt_errorNamesThatLine(
            @ForAll("configs") ConclaveConfig config, @ForAll("indexes") int pick) throws IOException {
        if (config.overrides().isEmpty()) {
            return;
        }
        int target = pick % config.overrides().size();
        List<String> lines = new ArrayList<>(ConfigToml.render(config).lines().toList());
        int seen = -1;
        int lineIndex = -1;
        for (int i = 0; i < lines.size() && lineIndex < 0; i++) {
            if (lines.get(i).startsWith("level = ") && ++seen == target) {
                lineIndex = i;
            }
        }
        lines.set(lineIndex, "level = \"loud\"");
        ConfigFile file = ConfigFile.in(dir);
        Files.writeString(file.path(), String.join("\n", lines) + "\n");

        assertThatThrownBy(file::load)
                .isInstanceOf(ConfigException.class)
                .hasMessage(file.path() + " line " + (lineIndex + 1)
                        + ": [[overrides]] level must be one of mute, notify, converse, act, got \"loud\"");
    }

    @Property(tries = 1000)
    void nameRule_agreesWithTheServersRule(@ForAll("nameCandidates") String name) {
        assertThat(ValueRules.isName(name, false)).isEqualTo(Names.isValid(NameKind.USERNAME, name));
        assertThat(ValueRules.isName(name, true)).isEqualTo(Names.isValid(NameKind.CHANNEL, name));
    }

    @Provide
    Arbitrary<Integer> indexes() {
        return Arbitraries.integers().between(0, 1000);
    }

    @Provide
    Arbitrary<String> nameCandidates() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().ofMinLength(0).ofMaxLength(70),
                        Arbitraries.strings().withChars(" /\t\u00A0\u3000ab\u0007").ofMaxLength(6),
                        names(true))
                .filter(ValueRules::isWellFormed);
    }

    @Provide
    Arbitrary<ConclaveConfig> configs() {
        Arbitrary<String> urls = urls();
        Arbitrary<ServerRegistration> servers = Combinators.combine(urls, names(false), names(false))
                .as(ServerRegistration::new);
        Arbitrary<PermissionScope> scopes = Arbitraries.oneOf(
                Arbitraries.just(PermissionScope.whisper()), names(true).map(PermissionScope::channel));
        Arbitrary<PermissionOverride> overrides = Combinators.combine(urls, scopes, Arbitraries.of(PermissionLevel.class))
                .as(PermissionOverride::new);
        return Combinators.combine(
                        Arbitraries.of(PermissionLevel.class),
                        servers.list().ofMaxSize(4),
                        overrides.list().ofMaxSize(6))
                .as((level, serverList, overrideList) -> new ConclaveConfig(
                        level, uniqueBy(serverList, ServerRegistration::url),
                        uniqueBy(overrideList, o -> List.of(o.server(), o.scope()))));
    }

    private static Arbitrary<String> urls() {
        Arbitrary<String> hosts = Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789.-").ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> ports = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.integers().between(1, 65535).map(p -> ":" + p));
        Arbitrary<String> paths = Arbitraries.strings().withCharRange('a', 'z').withChars("/?=&%_.~-").ofMaxLength(15)
                .map(path -> path.isEmpty() ? "" : "/" + path);
        return Combinators.combine(Arbitraries.of("ws://", "wss://", "WSS://"), hosts, ports, paths)
                .as((scheme, host, port, path) -> scheme + host + port + path)
                .filter(ValueRules::isServerUrl);
    }

    /** Names valid for the kind, from a mix of ASCII, quotes, backslashes, accents, CJK and emoji. */
    private static Arbitrary<String> names(boolean channel) {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(3),
                Arbitraries.of("\"", "\\", "'", "#", "=", "[", "]", "é", "ß", "中", "😀", " ", "\u00A0", "-", "_", "."));
        return pieces.list().ofMinSize(1).ofMaxSize(20)
                .map(parts -> String.join("", parts))
                .filter(name -> ValueRules.isName(name, channel));
    }

    private static <T, K> List<T> uniqueBy(List<T> items, java.util.function.Function<T, K> key) {
        Map<K, T> unique = new LinkedHashMap<>();
        items.forEach(item -> unique.putIfAbsent(key.apply(item), item));
        return List.copyOf(unique.values());
    }
}
