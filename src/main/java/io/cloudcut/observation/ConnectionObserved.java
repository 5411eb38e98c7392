package io.cloudcut.observation;

/**
 * A device's MQTT connection came up, went down, was refused (over TLS: why), or its client gave up reconnecting. A connection
 * that came up says which attempt made it: when it began (scenario milliseconds) and how long that
 * network exchange took in real time, so that a reconnect time counts it at its real length; -1
 * for the other changes.
 */
public record ConnectionObserved(long atMillis, String device, String model, String change, String cause,
                                 long attemptStartedAtMillis, long attemptRealMillis) implements Observation {

    public static final String UP = "up";
    public static final String DOWN = "down";
    public static final String GAVE_UP = "gave-up";
    /** A connect attempt failed while the device was down, for a reason worth reading (a TLS refusal). */
    public static final String REFUSED = "refused";

    public static ConnectionObserved up(long atMillis, String device, String model, long attemptStartedAtMillis,
                                        long attemptRealMillis) {
        return new ConnectionObserved(atMillis, device, model, UP, null, attemptStartedAtMillis, attemptRealMillis);
    }

    public static ConnectionObserved down(long atMillis, String device, String model, String cause) {
        return new ConnectionObserved(atMillis, device, model, DOWN, cause, -1, -1);
    }

    public static ConnectionObserved refused(long atMillis, String device, String model, String cause) {
        return new ConnectionObserved(atMillis, device, model, REFUSED, cause, -1, -1);
    }

    public static ConnectionObserved gaveUp(long atMillis, String device, String model, String cause) {
        return new ConnectionObserved(atMillis, device, model, GAVE_UP, cause, -1, -1);
    }
}
