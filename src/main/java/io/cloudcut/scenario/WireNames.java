package io.cloudcut.scenario;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Enum constants are written in files and reports in lower case with hyphens ({@code drop-oldest},
 * {@code FAIL_CLOSED} stays as is only in verdicts, which are not read back).
 */
public final class WireNames {

    private WireNames() {
    }

    /** {@code DROP_OLDEST} becomes {@code drop-oldest}. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code type} whose wire name is {@code name}, if there is one. */
    public static <E extends Enum<E>> Optional<E> named(Class<E> type, String name) {
        return Optional.ofNullable(type.cast(constantNamed(type, name)));
    }

    /** Null if none: the JSON reader knows the enum only by its class. */
    private static Enum<?> constantNamed(Class<?> type, String name) {
        for (Object constant : type.getEnumConstants()) {
            if (of((Enum<?>) constant).equals(name)) {
                return (Enum<?>) constant;
            }
        }
        return null;
    }

    /** All wire names of an enum, comma-separated, for error messages. */
    public static String listOf(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireNames::of).collect(Collectors.joining(", "));
    }

    /** A Jackson module that reads every enum of the scenario model by its wire name. */
    static SimpleModule readingModule() {
        SimpleModule module = new SimpleModule("cloudcut-wire-names");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription description, JsonDeserializer<?> standard) {
                return new EnumByWireName(type.getRawClass());
            }
        });
        return module;
    }

    /** A serializer writing an enum by its wire name, for reports of the scenario model. */
    public static final class Writer extends JsonSerializer<Enum<?>> {
        @Override
        public void serialize(Enum<?> value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(of(value));
        }
    }

    private static final class EnumByWireName extends JsonDeserializer<Enum<?>> {
        private final Class<?> type;

        EnumByWireName(Class<?> type) {
            this.type = type;
        }

        @Override
        public Enum<?> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            Enum<?> constant = constantNamed(type, text);
            if (constant != null) {
                return constant;
            }
            @SuppressWarnings("unchecked")
            Class<? extends Enum<?>> enumType = (Class<? extends Enum<?>>) type;
            throw InvalidFormatException.from(parser, "'" + text + "' is not one of: " + listOf(enumType), text, type);
        }
    }
}
