package conclave.protocol;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Typed access to the fields of one JSON object, failing with a {@link DecodeException} that
 * names the field (with its path, e.g. {@code payload.encrypted.ciphertext} or
 * {@code channels[2].name}) and the rule it broke. A field that is {@code null} counts as absent.
 * Not thread-safe; one per decoding.
 */
final class JsonFields {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final JsonNode object;
    /** Prepended to field names in messages: empty for the frame itself, else e.g. "payload.". */
    private final String prefix;

    private JsonFields(JsonNode object, String prefix) {
        this.object = object;
        this.prefix = prefix;
    }

    /** The fields of a frame: the top-level object. */
    static JsonFields frame(JsonNode node) throws DecodeException {
        if (!node.isObject()) {
            throw new DecodeException("not a JSON object");
        }
        return new JsonFields(node, "");
    }

    /** The fields of a nested object; {@code where} names it in errors. */
    static JsonFields object(JsonNode node, String where) throws DecodeException {
        if (!node.isObject()) {
            throw mustBe(where, "an object");
        }
        return new JsonFields(node, where + ".");
    }

    /** Reads one JSON value; {@code where} names it in errors. */
    @FunctionalInterface
    interface Value<T> {
        T read(JsonNode node, String where) throws DecodeException;
    }

    /** Whether the field is present and not {@code null}. */
    boolean has(String name) {
        JsonNode node = object.get(name);
        return node != null && !node.isNull();
    }

    /** A required field read by {@code value}. */
    <T> T required(String name, Value<T> value) throws DecodeException {
        if (!has(name)) {
            throw new DecodeException("missing field `" + prefix + name + "`");
        }
        return value.read(object.get(name), prefix + name);
    }

    /** An optional field read by {@code value}: empty when absent or {@code null}. */
    <T> Optional<T> optional(String name, Value<T> value) throws DecodeException {
        return has(name)
                ? Optional.of(value.read(object.get(name), prefix + name))
                : Optional.empty();
    }

    String string(String name) throws DecodeException {
        return required(name, JsonFields::string);
    }

    Optional<String> optionalString(String name) throws DecodeException {
        return optional(name, JsonFields::string);
    }

    /** A required array whose elements are each read by {@code element}. */
    <T> List<T> list(String name, Value<T> element) throws DecodeException {
        return required(name, (node, where) -> list(node, where, element));
    }

    /** A string without unpaired surrogates (JSON escapes can spell them; UTF-8 cannot). */
    static String string(JsonNode node, String where) throws DecodeException {
        if (!node.isString()) {
            throw mustBe(where, "a string");
        }
        String text = node.stringValue();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw mustBe(where, "valid Unicode (it has an unpaired surrogate)");
            }
        }
        return text;
    }

    static boolean bool(JsonNode node, String where) throws DecodeException {
        if (!node.isBoolean()) {
            throw mustBe(where, "a boolean");
        }
        return node.booleanValue();
    }

    static long u32(JsonNode node, String where) throws DecodeException {
        requireInteger(node, where);
        if (!node.canConvertToLong()
                || node.longValue() < 0 || node.longValue() > Unsigned.U32_MAX) {
            throw mustBe(where, "between 0 and " + Unsigned.U32_MAX);
        }
        return node.longValue();
    }

    static long i64(JsonNode node, String where) throws DecodeException {
        requireInteger(node, where);
        if (!node.canConvertToLong()) {
            throw mustBe(where, "between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE);
        }
        return node.longValue();
    }

    /** A u64 as its raw 64 bits: values above {@link Long#MAX_VALUE} come back negative. */
    static long u64(JsonNode node, String where) throws DecodeException {
        requireInteger(node, where);
        BigInteger value = node.bigIntegerValue();
        if (value.signum() < 0 || value.compareTo(U64_MAX) > 0) {
            throw mustBe(where, "between 0 and " + U64_MAX);
        }
        return value.longValue();
    }

    static Bytes bytes(JsonNode node, String where) throws DecodeException {
        String text = string(node, where);
        try {
            return Bytes.fromBase64Url(text);
        } catch (IllegalArgumentException e) {
            throw mustBe(where, "base64url without padding");
        }
    }

    static SessionPath path(JsonNode node, String where) throws DecodeException {
        String text = string(node, where);
        return SessionPath.parse(text)
                .orElseThrow(() -> mustBe(where, "a `user/machine/session` path"));
    }

    /**
     * A whisper target: a {@code user/machine/session} path, or a bare username, which stands for
     * any of that user's sessions (extension {@code inbox}) and reads as {@link SessionPath#ofUser}.
     */
    static SessionPath whisperTarget(JsonNode node, String where) throws DecodeException {
        String text = string(node, where);
        if (!text.isEmpty() && text.indexOf('/') < 0) {
            return SessionPath.ofUser(text);
        }
        return SessionPath.parse(text)
                .orElseThrow(() -> mustBe(where, "a `user/machine/session` path or a username"));
    }

    static ReceiptState receiptState(JsonNode node, String where) throws DecodeException {
        String word = string(node, where);
        return ReceiptState.fromWord(word)
                .orElseThrow(() -> mustBe(where, "one of `delivered`, `read`"));
    }

    static Visibility visibility(JsonNode node, String where) throws DecodeException {
        String word = string(node, where);
        return Visibility.fromWord(word)
                .orElseThrow(() -> mustBe(where, "one of `public`, `unlisted`, `private`"));
    }

    /** An array whose elements are each read by {@code element}. */
    static <T> List<T> list(JsonNode node, String where, Value<T> element) throws DecodeException {
        if (!node.isArray()) {
            throw mustBe(where, "an array");
        }
        List<T> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(element.read(node.get(i), where + "[" + i + "]"));
        }
        return items;
    }

    private static void requireInteger(JsonNode node, String where) throws DecodeException {
        if (!node.isIntegralNumber()) {
            throw mustBe(where, "an integer");
        }
    }

    /** A value that broke its rule: {@code field `where` must be <rule>}. */
    static DecodeException mustBe(String where, String rule) {
        return new DecodeException("field `" + where + "` must be " + rule);
    }
}
