package io.cloudcut.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One YAML file, parsed once, that remembers where every field stands so that any error about it,
 * from the parser, from binding or from validation, can name the file, the line and the field.
 */
final class YamlDocument {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = JsonMapper.builder(YAML)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new SimpleModule().addDeserializer(Duration.class, new DurationDeserializer()))
            .addModule(WireNames.readingModule())
            .build();

    private final Path file;
    private final JsonNode root;
    private final Map<String, JsonLocation> locations;

    private YamlDocument(Path file, JsonNode root, Map<String, JsonLocation> locations) {
        this.file = file;
        this.root = root;
        this.locations = locations;
    }

    static YamlDocument read(Path file) throws ScenarioException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException missing) {
            throw new ScenarioException(file, 0, 0, null, "file not found");
        } catch (IOException unreadable) {
            throw new ScenarioException(file, 0, 0, null, "cannot read: " + unreadable.getMessage());
        }
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null || !root.isObject()) {
                throw new ScenarioException(file, 1, 1, null, "expected a YAML mapping at the top of the file");
            }
            Map<String, JsonLocation> locations = new HashMap<>();
            try (JsonParser parser = YAML.createParser(text)) {
                parser.nextToken();
                recordLocations(parser, "", locations);
            }
            return new YamlDocument(file, root, locations);
        } catch (JsonProcessingException malformed) {
            JsonLocation at = malformed.getLocation();
            throw new ScenarioException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    null, "malformed YAML: " + malformed.getOriginalMessage());
        } catch (IOException unreadable) {
            throw new ScenarioException(file, 0, 0, null, "cannot read: " + unreadable.getMessage());
        }
    }

    Path file() {
        return file;
    }

    /**
     * Sets a top-level field that comes from outside the file (a model's id is its file name); the
     * file itself may not set it.
     */
    void setFromOutside(String field, String value) throws ScenarioException {
        if (root.has(field)) {
            throw error("/" + field, "'" + field + "' is not written in the file: it is the file name");
        }
        ((ObjectNode) root).put(field, value);
    }

    /** Binds the whole document to a record type; any mismatch becomes a located error. */
    <T> T bind(Class<T> type) throws ScenarioException {
        try {
            return MAPPER.treeToValue(root, type);
        } catch (JsonMappingException mismatch) {
            String pointer = pointerOf(mismatch);
            if (mismatch.getCause() instanceof FieldProblem problem) {
                throw error(pointer + problem.relativePointer(), problem.getMessage());
            }
            JsonNode found = root.at(pointer);
            String problem = describe(mismatch);
            if (problem.startsWith("expected ") && found.isValueNode()) {
                problem += ", found '" + found.asText() + "'";
            }
            throw error(pointer, problem);
        } catch (IOException | IllegalArgumentException other) {
            throw error("", other.getMessage());
        }
    }

    /** A located error about the field at a JSON pointer such as {@code /fleet/1/model}. */
    ScenarioException error(String pointer, String problem) {
        JsonLocation at = nearestLocation(pointer);
        return new ScenarioException(file, lineOf(at), columnOf(at), fieldName(pointer), problem);
    }

    /** A warning about the field at a JSON pointer, located as an error would be. */
    ScenarioWarning warning(String pointer, String problem) {
        JsonLocation at = nearestLocation(pointer);
        return new ScenarioWarning(file, lineOf(at), columnOf(at), fieldName(pointer), problem);
    }

    private static int lineOf(JsonLocation at) {
        return at == null ? 0 : at.getLineNr();
    }

    private static int columnOf(JsonLocation at) {
        return at == null ? 0 : at.getColumnNr();
    }

    private JsonLocation nearestLocation(String pointer) {
        String candidate = pointer;
        while (true) {
            JsonLocation at = locations.get(candidate);
            if (at != null || candidate.isEmpty()) {
                return at;
            }
            candidate = candidate.substring(0, candidate.lastIndexOf('/'));
        }
    }

    /** {@code /fleet/1/model} becomes {@code fleet[1].model}. */
    static String fieldName(String pointer) {
        StringBuilder name = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                name.append('[').append(part).append(']');
            } else {
                if (name.length() > 0) {
                    name.append('.');
                }
                name.append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return name.toString();
    }

    private static String pointerOf(JsonMappingException mismatch) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : mismatch.getPath()) {
            pointer.append('/');
            if (reference.getFieldName() != null) {
                pointer.append(reference.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else {
                pointer.append(reference.getIndex());
            }
        }
        return pointer.toString();
    }

    private static String describe(JsonMappingException mismatch) {
        if (mismatch instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", "));
            return "unknown field '" + unknown.getPropertyName() + "' (known: " + known + ")";
        }
        if (mismatch instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            return invalid.getCause().getMessage();
        }
        if (mismatch instanceof MismatchedInputException wrongValue && wrongValue.getTargetType() != null) {
            Class<?> target = wrongValue.getTargetType();
            if ((target.isEnum() || target == Duration.class) && wrongValue.getOriginalMessage().startsWith("'")) {
                return wrongValue.getOriginalMessage();
            }
            if (wrongValue instanceof InvalidFormatException badValue) {
                return "'" + badValue.getValue() + "' is not a valid " + typeName(target);
            }
            return "expected a " + typeName(target);
        }
        Throwable cause = mismatch.getCause();
        return cause != null && cause.getMessage() != null ? cause.getMessage() : mismatch.getOriginalMessage();
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "whole number";
        }
        if (type == double.class || type == Double.class) {
            return "number";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "list";
        }
        if (type == String.class) {
            return "text value";
        }
        if (type == Duration.class) {
            return "duration (e.g. 30s, 10m, 17h)";
        }
        return "mapping (" + type.getSimpleName() + ")";
    }

    private static void recordLocations(JsonParser parser, String pointer, Map<String, JsonLocation> into)
            throws IOException {
        into.putIfAbsent(pointer, parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String child = pointer + "/" + parser.currentName().replace("~", "~0").replace("/", "~1");
                into.put(child, parser.currentTokenLocation());
                parser.nextToken();
                recordLocations(parser, child, into);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                recordLocations(parser, pointer + "/" + index++, into);
            }
        }
    }

    /** Reads {@code 30s}-style durations; a bare number is refused because its unit would be a guess. */
    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.currentToken().isScalarValue()) {
                return (Duration) context.handleUnexpectedToken(Duration.class, parser);
            }
            try {
                return Durations.parse(parser.getText());
            } catch (IllegalArgumentException notADuration) {
                throw MismatchedInputException.from(parser, Duration.class, notADuration.getMessage());
            }
        }
    }
}
