package io.cloudcut.observation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.cloudcut.scenario.ScenarioJson;
import io.vertx.core.json.JsonObject;

import java.io.IOException;

/**
 * Observations as JSON, where they leave the process that made them: the observations file, a
 * worker's batches to its coordinator (looking up an address's subscribers across the cluster for
 * every observation would cost more than the devices), a device's status. Within a process they
 * travel as themselves ({@link ObservationBus}).
 */
public final class ObservationCodec {

    /**
     * A run keeps its observations until its report: hundreds a device, each naming its device, model,
     * phase, function and outcome. Decoded, every one would hold its own copies of those few distinct
     * texts; shared, they cost a reference each.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(ScenarioJson.module())
            .addModule(new SimpleModule("cloudcut-shared-texts").addDeserializer(String.class, new StringDeserializer() {
                @Override
                public String deserialize(JsonParser in, DeserializationContext context) throws IOException {
                    String text = super.deserialize(in, context);
                    return text == null ? null : text.intern();
                }
            }))
            .build();

    private ObservationCodec() {
    }

    public static JsonObject encode(Observation observation) {
        return new JsonObject(line(observation));
    }

    /** The observation as one line of JSON, as the observations file holds it. */
    public static String line(Observation observation) {
        try {
            return MAPPER.writerFor(Observation.class).writeValueAsString(observation);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("observation not serialisable: " + observation, impossible);
        }
    }

    public static Observation decode(JsonObject json) {
        return decode(json.encode());
    }

    /** An observation from its line of JSON, as {@link #line} wrote it. */
    public static Observation decode(String line) {
        try {
            return MAPPER.readValue(line, Observation.class);
        } catch (JsonProcessingException malformed) {
            throw new IllegalArgumentException("not an observation: " + line, malformed);
        }
    }
}
