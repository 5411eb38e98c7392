package io.cloudcut.scenario;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.Duration;

/**
 * The scenario model's values as JSON, for a model or an expectation that travels as the run has it
 * (to a worker, in the observation stream) rather than as its file says: durations as ISO-8601
 * ({@code PT15M}), which reads back to the same {@link Duration} to the nanosecond.
 */
public final class ScenarioJson {

    private ScenarioJson() {
    }

    /** A Jackson module writing and reading {@link Duration}s; the records themselves need nothing more. */
    public static Module module() {
        return new SimpleModule("cloudcut-scenario-values")
                .addSerializer(Duration.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Duration value, JsonGenerator out, SerializerProvider provider) throws IOException {
                        out.writeString(value.toString());
                    }
                })
                .addDeserializer(Duration.class, new JsonDeserializer<>() {
                    @Override
                    public Duration deserialize(JsonParser in, DeserializationContext context) throws IOException {
                        return Duration.parse(in.getText());
                    }
                });
    }
}
