package conclave.ui;

import conclave.protocol.InvalidNameException;
import conclave.protocol.NameKind;
import conclave.protocol.Names;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The fields of one request from the page, each checked as it is read: a bad one names the field and its rule. */
final class UiArguments {
    /** A request the console refuses before it reaches a server; the page gets a 400 with the message. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    private final JsonNode body;

    UiArguments(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new BadRequest("the request body must be a JSON object");
        }
        this.body = body;
    }

    String text(String field) {
        return optionalText(field).orElseThrow(() -> new BadRequest("`" + field + "` is required"));
    }

    Optional<String> optionalText(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw new BadRequest("`" + field + "` must be a string");
        }
        return Optional.of(value.stringValue());
    }

    /** A non-empty message body. */
    String body(String field) {
        String text = text(field);
        if (text.isBlank()) {
            throw new BadRequest("`" + field + "` must not be empty");
        }
        return text;
    }

    String name(String field, NameKind kind) {
        try {
            return Names.check(kind, text(field));
        } catch (InvalidNameException e) {
            throw new BadRequest("`" + field + "`: " + e.getMessage());
        }
    }

    /** A user name or a full session path, as kick takes. */
    String kickTarget(String field) {
        try {
            return Names.checkKickTarget(text(field));
        } catch (InvalidNameException e) {
            throw new BadRequest("`" + field + "`: " + e.getMessage());
        }
    }

    SessionPath sessionPath(String field) {
        String text = text(field);
        return SessionPath.parse(text)
                .orElseThrow(() -> new BadRequest("`" + field + "` must be a session path <user>/<machine>/<session>"));
    }

    Visibility visibility(String field) {
        String word = text(field);
        return Visibility.fromWord(word)
                .orElseThrow(() -> new BadRequest("`" + field + "` must be public, unlisted or private"));
    }

    /** A whole number ≥ 0 (milliseconds since the epoch). */
    long instant(String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new BadRequest("`" + field + "` must be a whole number of milliseconds ≥ 0");
        }
        return value.longValue();
    }

    /** An optional whole number ≥ 1. */
    Optional<Long> optionalPositive(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1) {
            throw new BadRequest("`" + field + "` must be a whole number ≥ 1");
        }
        return Optional.of(value.longValue());
    }
}
