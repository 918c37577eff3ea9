package conclave.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsCoverage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile input of any shape gets a {@link DecodeException} or a frame, never anything else:
 * each property fails if any other exception escapes. What does decode must encode back to
 * itself.
 */
class DecoderRobustnessTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper MAPPER = new JsonMapper();
    // Built once: jqwik's recursive combinators rebuild their arbitraries on every try.
    private static final Arbitrary<String> WORDS = words();
    private static final Arbitrary<JsonNode> SCALARS = scalars();
    private static final Arbitrary<JsonNode> DOCUMENTS = nested(nested(nested(SCALARS)));
    private static final String DECODED = "decoded";
    private static final String REJECTED = "rejected";

    private final BincodeCodec bincode = new BincodeCodec();
    private final JsonFrameCodec json = new JsonFrameCodec();

    @Provide
    Arbitrary<Frame> frames() {
        return FrameArbitraries.frames();
    }

    @Property(tries = 1000)
    void bincode_randomBytes_decodeOrFailCleanly(@ForAll @Size(max = 64) byte[] input) {
        assertBincodeDecodesOrFailsCleanly(input);
    }

    @Property(tries = 1000)
    void bincode_validFrameWithOneByteChanged_decodesOrFailsCleanly(
            @ForAll("frames") Frame frame, @ForAll @IntRange(min = 0) int at, @ForAll byte value) {
        byte[] input = bincode.encode(frame);
        input[at % input.length] = value;

        Statistics.collect(assertBincodeDecodesOrFailsCleanly(input));
        Statistics.coverage(bothOutcomesSeen());
    }

    @Property(tries = 1000)
    void bincode_validFrameCutShortOrExtended_decodesOrFailsCleanly(
            @ForAll("frames") Frame frame, @ForAll @IntRange(min = -8, max = 8) int delta) {
        byte[] encoded = bincode.encode(frame);

        byte[] input = Arrays.copyOf(encoded, Math.max(0, encoded.length + delta));

        Statistics.collect(assertBincodeDecodesOrFailsCleanly(input));
        Statistics.coverage(bothOutcomesSeen());
    }

    @Property(tries = 1000)
    void json_randomText_decodesOrFailsCleanly(@ForAll @Size(max = 64) String text) {
        assertJsonDecodesOrFailsCleanly(text);
    }

    @Property(tries = 1000)
    void json_randomDocument_decodesOrFailsCleanly(@ForAll("documents") JsonNode document) {
        assertJsonDecodesOrFailsCleanly(document.toString());
    }

    @Property(tries = 1000)
    void json_validFrameWithOneFieldReplaced_decodesOrFailsCleanly(
            @ForAll("frames") Frame frame,
            @ForAll @IntRange(min = 0) int which,
            @ForAll("documents") JsonNode replacement) {
        ObjectNode tree = (ObjectNode) MAPPER.readTree(json.encode(frame));
        List<Field> fields = fields(tree);
        Field field = fields.get(which % fields.size());

        field.parent().set(field.name(), replacement);

        Statistics.collect(assertJsonDecodesOrFailsCleanly(tree.toString()));
        Statistics.coverage(bothOutcomesSeen());
    }

    @Property(tries = 1000)
    void json_validFrameWithOneFieldRemoved_decodesOrFailsCleanly(
            @ForAll("frames") Frame frame, @ForAll @IntRange(min = 0) int which) {
        ObjectNode tree = (ObjectNode) MAPPER.readTree(json.encode(frame));
        List<Field> fields = fields(tree);
        Field field = fields.get(which % fields.size());

        field.parent().remove(field.name());

        Statistics.collect(assertJsonDecodesOrFailsCleanly(tree.toString()));
        Statistics.coverage(bothOutcomesSeen());
    }

    /** Arbitrary JSON values nested up to three levels, biased towards the protocol's words. */
    @Provide
    Arbitrary<JsonNode> documents() {
        return DOCUMENTS;
    }

    private static Arbitrary<JsonNode> nested(Arbitrary<JsonNode> inner) {
        return Arbitraries.frequencyOf(
                Tuple.of(2, SCALARS),
                Tuple.of(1, inner.list().ofMaxSize(3).map(DecoderRobustnessTest::array)),
                Tuple.of(1, Arbitraries.maps(WORDS, inner).ofMaxSize(4)
                        .map(DecoderRobustnessTest::object)));
    }

    private static Arbitrary<JsonNode> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.bigIntegers()
                        .between(BigInteger.TWO.pow(70).negate(), BigInteger.TWO.pow(70))
                        .map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                WORDS.map(NODES::stringNode),
                Arbitraries.strings().ofMaxLength(12).map(NODES::stringNode));
    }

    private static Arbitrary<String> words() {
        List<String> protocolWords = new ArrayList<>(List.of(
                "type", "op", "kind", "channel", "from", "target", "payload", "plain", "encrypted",
                "ciphertext", "key_id", "a/w/r", "public", "AAAA", ""));
        Arrays.stream(FrameKind.values()).map(FrameKind::jsonName).forEach(protocolWords::add);
        Arrays.stream(AdminOpKind.values()).map(AdminOpKind::jsonName).forEach(protocolWords::add);
        return Arbitraries.oneOf(
                Arbitraries.of(protocolWords), Arbitraries.strings().ofMaxLength(6));
    }

    private static JsonNode object(Map<String, JsonNode> fields) {
        ObjectNode object = NODES.objectNode();
        fields.forEach(object::set);
        return object;
    }

    private static JsonNode array(List<JsonNode> items) {
        ArrayNode array = NODES.arrayNode();
        items.forEach(array::add);
        return array;
    }

    /** A field of some object in the tree, found depth first. */
    private record Field(ObjectNode parent, String name) {}

    private static List<Field> fields(ObjectNode root) {
        List<Field> fields = new ArrayList<>();
        collect(root, fields);
        return fields;
    }

    private static void collect(JsonNode node, List<Field> into) {
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                into.add(new Field((ObjectNode) node, name));
            }
        }
        for (JsonNode child : node.values()) {
            collect(child, into);
        }
    }

    /** Decodes {@code input}; any exception but DecodeException fails the property. */
    private String assertBincodeDecodesOrFailsCleanly(byte[] input) {
        try {
            BincodeCodec.Decoded decoded = bincode.decode(input);
            assertThat(decoded.bytesUsed()).isBetween(1, input.length);
            byte[] reencoded = bincode.encode(decoded.frame());
            // The encoder's minimal forms are never longer than the (possibly wider) input.
            assertThat(reencoded.length).isLessThanOrEqualTo(decoded.bytesUsed());
            assertThat(bincode.decode(reencoded).frame()).isEqualTo(decoded.frame());
            return DECODED;
        } catch (DecodeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return REJECTED;
        }
    }

    /** Decodes {@code text}; any exception but DecodeException fails the property. */
    private String assertJsonDecodesOrFailsCleanly(String text) {
        try {
            Frame frame = json.decode(text);
            assertThat(json.decode(json.encode(frame))).isEqualTo(frame);
            return DECODED;
        } catch (DecodeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return REJECTED;
        }
    }

    /** Mutations must sometimes still decode and sometimes not, or the property tests little. */
    private static Consumer<StatisticsCoverage> bothOutcomesSeen() {
        return coverage -> {
            coverage.check(DECODED).count(count -> count > 0);
            coverage.check(REJECTED).count(count -> count > 0);
        };
    }
}
