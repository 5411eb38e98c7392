package io.cloudcut.observation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A device's MQTT connection came up, went down, was refused (over TLS: why), or its client gave up reconnecting. A connection
 * that came up says which attempt made it: when it began (scenario milliseconds) and how long that
 * network exchange took in real time, so that a reconnect time counts it at its real length; -1
 * for the other changes.
 */
public record ConnectionObserved(long atMillis, String device, String model, Change change, String cause,
                                 long attemptStartedAtMillis, long attemptRealMillis) implements Observation {

    /** How a connection changed; written in lower case in observations and reports. */
    public enum Change {
        @JsonProperty("up") UP,
        @JsonProperty("down") DOWN,
        @JsonProperty("gave-up") GAVE_UP,
        /** A connect attempt failed while the device was down, for a reason worth reading (a TLS refusal). */
        @JsonProperty("refused") REFUSED
    }

    public static ConnectionObserved up(long atMillis, String device, String model, long attemptStartedAtMillis,
                                        long attemptRealMillis) {
        return new ConnectionObserved(atMillis, device, model, Change.UP, null, attemptStartedAtMillis, attemptRealMillis);
    }

    public static ConnectionObserved down(long atMillis, String device, String model, String cause) {
        return new ConnectionObserved(atMillis, device, model, Change.DOWN, cause, -1, -1);
    }

    public static ConnectionObserved refused(long atMillis, String device, String model, String cause) {
        return new ConnectionObserved(atMillis, device, model, Change.REFUSED, cause, -1, -1);
    }

    public static ConnectionObserved gaveUp(long atMillis, String device, String model, String cause) {
        return new ConnectionObserved(atMillis, device, model, Change.GAVE_UP, cause, -1, -1);
    }
}
