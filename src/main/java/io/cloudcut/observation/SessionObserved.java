package io.cloudcut.observation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A device's cloud session changed ({@link Change}). */
public record SessionObserved(long atMillis, String device, String model, Change change) implements Observation {

    /** How a session changed; written in lower case in observations and reports. */
    public enum Change {
        /** Valid again. */
        @JsonProperty("acquired") ACQUIRED,
        /** A new token while the old one held. */
        @JsonProperty("renewed") RENEWED,
        @JsonProperty("expired") EXPIRED,
        /** The grace period is over. */
        @JsonProperty("locked") LOCKED
    }
}
