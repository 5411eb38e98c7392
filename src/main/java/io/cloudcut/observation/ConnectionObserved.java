package io.cloudcut.observation;

/** A device's MQTT connection came up, went down, or its client gave up reconnecting. */
public record ConnectionObserved(long atMillis, String device, String model, String change, String cause)
        implements Observation {

    public static final String UP = "up";
    public static final String DOWN = "down";
    public static final String GAVE_UP = "gave-up";
}
