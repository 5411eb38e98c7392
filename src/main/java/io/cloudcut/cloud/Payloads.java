package io.cloudcut.cloud;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads what arrives over MQTT from anyone: the checks every reader of a topic (a device, a cloud
 * service) applies before it acts on a message. Each answers empty for what the reader must reject
 * (and count): a payload over its size limit, not UTF-8, not a JSON object, a field of the wrong type
 * or out of range. Nothing here throws on bad input.
 */
public final class Payloads {

    /** The largest message a cloud service reads: AWS IoT Core's limit for one message, 128 KB. */
    public static final int CLOUD_MAX_BYTES = 128 * 1024;
    /** The largest message a device reads: its MQTT receive buffer, small as a microcontroller's. */
    public static final int DEVICE_MAX_BYTES = 16 * 1024;
    /** The longest text field (an id, a function name) a reader takes. */
    public static final int MAX_TEXT_CHARS = 128;

    private Payloads() {
    }

    /** The payload as text, if it is within {@code maxBytes} and valid UTF-8. */
    public static Optional<String> text(Buffer payload, int maxBytes) {
        if (payload.length() > maxBytes) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload.getBytes())).toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    /**
     * The payload as a JSON object, if it is text within {@code maxBytes} and one JSON object (the
     * parser's own limits refuse nesting deeper than 1,000 levels).
     */
    public static Optional<JsonObject> object(Buffer payload, int maxBytes) {
        return text(payload, maxBytes).flatMap(text -> {
            try {
                return Json.decodeValue(text) instanceof JsonObject object ? Optional.of(object) : Optional.empty();
            } catch (DecodeException notJson) {
                return Optional.empty();
            }
        });
    }

    /** A non-empty string field of at most {@link #MAX_TEXT_CHARS}. */
    public static Optional<String> textField(JsonObject message, String key) {
        return message.getValue(key) instanceof String text && !text.isEmpty() && text.length() <= MAX_TEXT_CHARS
                ? Optional.of(text) : Optional.empty();
    }

    /**
     * A text field that can stand as one level of a topic (a device id that a reply is published
     * under): no level separator, no wildcard, no NUL.
     */
    public static Optional<String> topicLevelField(JsonObject message, String key) {
        return textField(message, key).filter(text -> text.chars().noneMatch(c -> c == '/' || c == '+' || c == '#' || c == 0));
    }

    /** A whole-number field within {@code [min, max]}; a fraction, a string or a number out of range is none. */
    public static OptionalLong wholeNumberField(JsonObject message, String key, long min, long max) {
        Object value = message.getValue(key);
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= min
                && ((Number) value).longValue() <= max) {
            return OptionalLong.of(((Number) value).longValue());
        }
        return OptionalLong.empty();
    }

    /** Whether an optional field is absent or passes its check: a field sent with the wrong type is not ignored. */
    public static boolean absentOr(JsonObject message, String key, boolean check) {
        return !message.containsKey(key) || check;
    }
}
