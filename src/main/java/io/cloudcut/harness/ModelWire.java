package io.cloudcut.harness;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.ScenarioJson;
import io.vertx.core.json.JsonObject;

import java.io.IOException;

/**
 * A device model as it travels to a worker: the model as the run has it (the command line may have
 * changed its client stack), not its file, so that every process runs the same firmware profile.
 */
final class ModelWire {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(ScenarioJson.module())
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
