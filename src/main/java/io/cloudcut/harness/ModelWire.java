package io.cloudcut.harness;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.cloudcut.scenario.DeviceModel;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.time.Duration;

/**
 * A device model as it travels to a worker: the model as the run has it (the command line may have
 * changed its client stack), not its file, so that every process runs the same firmware profile.
 */
final class ModelWire {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule()
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
                    }))
            .build();

    private ModelWire() {
    }

    static JsonObject encode(DeviceModel model) {
        try {
            return new JsonObject(MAPPER.writeValueAsString(model));
        } catch (IOException unexpected) {
            throw new IllegalStateException("device model " + model.id() + " cannot be written as JSON", unexpected);
        }
    }

    static DeviceModel decode(JsonObject wire) {
        try {
            return MAPPER.readValue(wire.encode(), DeviceModel.class);
        } catch (IOException wrong) {
            throw new IllegalArgumentException("not a device model: " + wrong.getMessage(), wrong);
        }
    }
}
