package io.cloudcut.observation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.cloudcut.scenario.ScenarioJson;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

import java.io.IOException;

/**
 * Observations travel the event bus as JSON, so that the same stream can cross a cluster or feed a
 * dashboard; verticles publish them on {@link #ADDRESS}, in their own process ({@link #LOCAL}): a
 * worker of a clustered run gathers its devices' and sends them on in batches, as looking up an
 * address's subscribers across the cluster for every observation would cost more than the devices.
 */
public final class ObservationCodec {

    /** The event-bus address every observation is published on. */
    public static final String ADDRESS = "cloudcut.observations";

    /** How observations are published: to this process's listeners only. */
    public static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

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
        try {
            return new JsonObject(MAPPER.writerFor(Observation.class).writeValueAsString(observation));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("observation not serialisable: " + observation, impossible);
        }
    }

    public static Observation decode(JsonObject json) {
        try {
            return MAPPER.readValue(json.encode(), Observation.class);
        } catch (JsonProcessingException malformed) {
            throw new IllegalArgumentException("not an observation: " + json.encode(), malformed);
        }
    }
}
