package conclave.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON text encoding of frames (PROTOCOL.md §4): one JSON object per frame, {@code type}
 * naming it, snake_case fields, bytes as unpadded base64url, paths as
 * {@code user/machine/session}.
 *
 * <p>The encoder writes absent optional fields as {@code null} and leaves out an
 * {@link SessionPath#UNSTAMPED unstamped} {@code from}. The decoder accepts absent or
 * {@code null} optional fields, ignores unknown fields, and refuses duplicate keys, trailing
 * content, non-integral or out-of-range numbers and unpaired surrogates. On bad input it throws
 * {@link DecodeException} and nothing else, with a message naming the field and the rule (e.g.
 * {@code missing field `channel`}). Thread-safe.
 */
public final class JsonFrameCodec {
    private final JsonMapper mapper = JsonMapper.builder()
            // A key given twice could mean one thing to a proxy and another to us.
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The frame as one line of JSON. */
    public String encode(Frame frame) {
        return mapper.writeValueAsString(JsonFrameEncoder.frame(frame));
    }

    /**
     * Decodes one frame from a JSON text.
     *
     * @throws DecodeException if {@code text} is longer than {@link Frame#MAX_ENCODED_BYTES}, is
     *     not one JSON object, or is not a valid frame
     */
    public Frame decode(String text) throws DecodeException {
        // Characters never outnumber UTF-8 bytes, so this cap never refuses a frame under 16 MiB.
        if (text.length() > Frame.MAX_ENCODED_BYTES) {
            throw new DecodeException("frame of " + text.length() + " characters exceeds the "
                    + Frame.MAX_ENCODED_BYTES + "-byte cap");
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            throw new DecodeException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        try {
            return JsonFrameDecoder.frame(JsonFields.frame(root));
        } catch (IllegalArgumentException e) {
            // A record's own check, were it ever stricter than the field rules above.
            throw new DecodeException(e.getMessage(), e);
        }
    }
}
