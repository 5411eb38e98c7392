package io.cloudcut.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One YAML file, parsed once, that remembers where every field stands so that any error about it,
 * from the parser, from binding or from validation, can name the file, the line and the field.
 */
final class YamlDocument {

    /** Nesting levels a file may use; the shipped ones use at most six. */
    private static final int MAX_DEPTH = 32;
    /** Characters in one text value: a name, a description, a duration. */
    private static final int MAX_TEXT_LENGTH = 10_000;
    /** Digits in one number: more than a double holds is a mistake. */
    private static final int MAX_NUMBER_LENGTH = 32;

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
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
        String text = SourceText.read(file);
        try (YAMLParser parser = YAML.createParser(text)) {
            try {
                if (parser.nextToken() == null) {
                    throw new ScenarioException(file, 1, 1, null, "the file holds no YAML: expected a mapping");
                }
                if (!parser.isExpectedStartObjectToken()) {
                    JsonLocation at = parser.currentTokenLocation();
                    throw new ScenarioException(file, at.getLineNr(), at.getColumnNr(), null,
                            "expected a YAML mapping at the top of the file");
                }
                Map<String, JsonLocation> locations = new HashMap<>();
                recordLocations(file, parser, "", locations);
                return new YamlDocument(file, MAPPER.readTree(text), locations);
            } catch (JsonProcessingException malformed) {
                throw unparsable(file, malformed, parser.currentTokenLocation());
            }
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
                problem += ", found '" + shortened(found.asText()) + "'";
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

    /**
     * Walks the whole file once, recording where each field stands, and refuses what the mapper would
     * read wrong: an alias comes out as its anchor's name, a tag is dropped, and neither is written in a
     * CloudCut file on purpose (an alias that expands a value a billion times is refused here too).
     */
    private static void recordLocations(Path file, YAMLParser parser, String pointer, Map<String, JsonLocation> into)
            throws IOException, ScenarioException {
        into.putIfAbsent(pointer, parser.currentTokenLocation());
        refuseUnread(file, parser, pointer);
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String child = pointer + "/" + parser.currentName().replace("~", "~0").replace("/", "~1");
                into.put(child, parser.currentTokenLocation());
                refuseUnread(file, parser, child);
                parser.nextToken();
                recordLocations(file, parser, child, into);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                recordLocations(file, parser, pointer + "/" + index++, into);
            }
        }
    }

    private static void refuseUnread(Path file, YAMLParser parser, String pointer) throws IOException, ScenarioException {
        JsonLocation at = parser.currentTokenLocation();
        if (parser.isCurrentAlias()) {
            throw new ScenarioException(file, at.getLineNr(), at.getColumnNr(), fieldName(pointer), "YAML aliases (*"
                    + shortened(parser.getText()) + ") are not read: write the value out");
        }
        if (parser.getTypeId() != null) {
            String tag = parser.getTypeId().replaceFirst("^tag:yaml\\.org,2002:", "!");
            throw new ScenarioException(file, at.getLineNr(), at.getColumnNr(), fieldName(pointer), "YAML tags (!"
                    + shortened(tag) + ") are not read: write a plain value");
        }
        if (parser.currentToken().isNumeric()) {
            try {
                parser.getNumberValue(); // decoded here, where its field is known
            } catch (StreamConstraintsException tooLong) {
                throw new ScenarioException(file, at.getLineNr(), at.getColumnNr(), fieldName(pointer), overLimit(tooLong));
            }
        }
        boolean text = parser.currentToken() == JsonToken.VALUE_STRING || parser.currentToken() == JsonToken.FIELD_NAME;
        if (text && parser.getTextLength() > MAX_TEXT_LENGTH) {
            throw new ScenarioException(file, at.getLineNr(), at.getColumnNr(), fieldName(pointer), String.format(
                    Locale.ROOT, "a text value of %,d characters is over the limit of %,d", parser.getTextLength(),
                    MAX_TEXT_LENGTH));
        }
    }

    /** Where the parser gave up and why, in one line: SnakeYAML's own message quotes the source over several. */
    private static ScenarioException unparsable(Path file, JsonProcessingException malformed, JsonLocation reached) {
        if (malformed.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            return new ScenarioException(file, yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1,
                    null, "malformed YAML: " + (yaml.getContext() == null ? "" : yaml.getContext() + ": ") + yaml.getProblem());
        }
        JsonLocation at = malformed.getLocation() == null ? reached : malformed.getLocation();
        String problem = malformed instanceof StreamConstraintsException overLimit ? overLimit(overLimit)
                : "malformed YAML: " + malformed.getOriginalMessage();
        return new ScenarioException(file, at.getLineNr(), at.getColumnNr(), null, problem);
    }

    private static String overLimit(StreamConstraintsException exceeded) {
        // Jackson names its own setting; the README names the limit
        return "over a limit: " + exceeded.getOriginalMessage().replaceAll(", from `[^`]*`", "");
    }

    /** A value as a message quotes it: a long one is cut, so that the message stays a line one can read. */
    static String shortened(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
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
