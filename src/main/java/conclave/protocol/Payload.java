package conclave.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A message body as sent on the wire and stored in history: plain UTF-8 text, or an end-to-end
 * encrypted envelope the server relays without reading. {@code toString} never shows content.
 */
public sealed interface Payload {
    /** Which variant this is; dispatch on it with an exhaustive switch. */
    PayloadKind kind();

    /** A plain-text body (protocol version 1's only readable form). */
    record Plain(String body) implements Payload {
        public Plain {
            requireNonNull(body, "body");
        }

        @Override
        public PayloadKind kind() {
            return PayloadKind.PLAIN;
        }

        /** The length only, e.g. {@code Plain[5 chars]}: bodies are never logged. */
        @Override
        public String toString() {
            return "Plain[" + body.length() + " chars]";
        }
    }

    /** An encrypted envelope: opaque ciphertext and an optional key identifier. */
    record Encrypted(Bytes ciphertext, Optional<String> keyId) implements Payload {
        public Encrypted {
            requireNonNull(ciphertext, "ciphertext");
            requireNonNull(keyId, "keyId");
        }

        @Override
        public PayloadKind kind() {
            return PayloadKind.ENCRYPTED;
        }

        /** The ciphertext length only, e.g. {@code Encrypted[12 bytes]}. */
        @Override
        public String toString() {
            return "Encrypted[" + ciphertext.size() + " bytes]";
        }
    }
}
