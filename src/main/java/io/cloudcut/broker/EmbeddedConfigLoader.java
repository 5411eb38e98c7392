package io.cloudcut.broker;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Reads {@code embedded.yaml} strictly: unknown fields, wrong types and unacceptable values are
 * errors that name the file, the line and the field, because a silently ignored typo in a broker
 * setting would make a whole experiment measure the wrong thing.
 */
final class EmbeddedConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private EmbeddedConfigLoader() {
    }

    static EmbeddedConfig load(Path file) throws BrokerException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BrokerException("embedded broker configuration " + file + " does not exist"
                    + " (it belongs in the project's broker-config/ folder)");
        } catch (IOException e) {
            throw new BrokerException("cannot read embedded broker configuration " + file + ": " + e, e);
        }
        try {
            if (isEmpty(text)) {
                return EmbeddedConfig.defaults(); // a file of only comments means "all defaults"
            }
            return YAML.readValue(text, EmbeddedConfig.class);
        } catch (JsonProcessingException e) {
            throw located(file, text, e);
        }
    }

    private static boolean isEmpty(String yaml) throws JsonProcessingException {
        try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
            JsonToken first = parser.nextToken();
            return first == null || first == JsonToken.VALUE_NULL;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading YAML from a String cannot fail like this", e);
        }
    }

    private static BrokerException located(Path file, String text, JsonProcessingException e) {
        EmbeddedConfig.InvalidConfigValue invalid = findCause(e, EmbeddedConfig.InvalidConfigValue.class);
        String field;
        String problem;
        OptionalInt line;
        if (invalid != null) {
            // Thrown by the record's constructor, after the whole mapping was read: Jackson's
            // location then points at its end, so look the field's own line up instead.
            field = invalid.field;
            problem = invalid.getMessage();
            line = lineOfTopLevelField(text, field);
        } else {
            field = e instanceof JsonMappingException mapping ? fieldPath(mapping) : "";
            problem = describe(e);
            // The YAML parser's location is often past the value (the next line): the field's own
            // line is what a user looks for.
            line = field.isEmpty() ? OptionalInt.empty() : lineOfTopLevelField(text, field);
            if (line.isEmpty()) {
                line = lineOf(e.getLocation());
            }
        }
        StringBuilder message = new StringBuilder("invalid embedded broker configuration in ").append(file);
        line.ifPresent(n -> message.append(", line ").append(n));
        if (!field.isEmpty()) {
            message.append(", field '").append(field).append('\'');
        }
        message.append(": ").append(problem);
        return new BrokerException(message.toString(), e);
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'; known fields: "
                    + knownFields(unknown.getKnownPropertyIds());
        }
        if (e instanceof InvalidFormatException format) {
            return "expected " + expectedType(format.getTargetType()) + " but got '" + format.getValue() + "'";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + expectedType(mismatch.getTargetType());
        }
        return e.getOriginalMessage();
    }

    private static String expectedType(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant instanceof EmbeddedConfig.Persistence p ? p.configName : constant.toString())
                    .collect(Collectors.joining(", "));
        }
        if (type == EmbeddedConfig.class) {
            return "a mapping of 'field: value' lines";
        }
        return "a value of type " + type.getSimpleName();
    }

    private static String knownFields(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    /** Dotted path of the offending field, e.g. {@code port} or {@code listeners[0].port}. */
    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static OptionalInt lineOf(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? OptionalInt.empty() : OptionalInt.of(location.getLineNr());
    }

    private static OptionalInt lineOfTopLevelField(String text, String field) {
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME && depth == 1 && field.equals(parser.currentName())) {
                    return lineOf(parser.currentTokenLocation());
                }
            }
        } catch (IOException unparsable) {
            // the file parsed once already; without a line the message is still useful
        }
        return OptionalInt.empty();
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
