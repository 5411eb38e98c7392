package io.cloudcut.observation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A cloud service (or the broker) changed condition, because of {@code cause} (the faulted service;
 * itself when faulted directly; null when it is up again).
 */
public record ServiceObserved(long atMillis, String service, Condition condition, String cause) implements Observation {

    /** The name the broker goes by among the services. */
    public static final String BROKER = "broker";

    /** A service's condition; written in lower case in observations and reports. */
    public enum Condition {
        @JsonProperty("up") UP,
        @JsonProperty("down") DOWN,
        /** It answers with errors. */
        @JsonProperty("error") ERROR,
        /** It answers late. */
        @JsonProperty("slow") SLOW,
        /** It answers some requests and refuses the rest. */
        @JsonProperty("throttled") THROTTLED,
        /** The broker between the stop and the start of a restart. */
        @JsonProperty("restarting") RESTARTING
    }

    public boolean up() {
        return condition == Condition.UP;
    }

    /** The broker is up again: started after a restart or a {@code down}; devices can connect from now. */
    public boolean brokerBack() {
        return service.equals(BROKER) && condition == Condition.UP;
    }
}
