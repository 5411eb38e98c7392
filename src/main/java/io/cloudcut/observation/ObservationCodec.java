package io.cloudcut.observation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.json.JsonObject;

/**
 * Observations travel the event bus as JSON, so that the same stream can later cross a cluster or
 * feed a dashboard; verticles publish them on {@link #ADDRESS}.
 */
public final class ObservationCodec {

    /** The event-bus address every observation is published on. */
    public static final String ADDRESS = "cloudcut.observations";

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

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
